"""What a check gives people: TLC-shaped text, JSON, ITF, HTML, state-graph files, explanations, the explorer."""
