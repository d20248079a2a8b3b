-------------------------- MODULE UndirectedGraphs --------------------------
(***************************************************************************)
(* Undirected graphs, as in the TLA+ community modules.  A graph G is a    *)
(* record [node |-> N, edge |-> E] where every edge is a set {a, b} of one *)
(* or two nodes (a one-element edge {a} is a loop on a).                   *)
(*                                                                         *)
(* mcheck evaluates Path, SimplePath, AreConnectedIn and                   *)
(* ConnectedComponents natively (Path as a set that can be tested for      *)
(* membership; the others by depth-first search, breadth-first search and  *)
(* union-find, as TLC's Java override does); the definitions below give    *)
(* their meaning.                                                          *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Sequences
LOCAL INSTANCE FiniteSets

\* G is a record with exactly the fields node and edge, and every edge joins
\* nodes of G.
IsUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : e = {a, b}

\* The same, and no edge is a loop.
IsLoopFreeUndirectedGraph(G) ==
  /\ G = [node |-> G.node, edge |-> G.edge]
  /\ \A e \in G.edge : \E a, b \in G.node : a # b /\ e = {a, b}

\* The graphs made of some of the nodes and some of the edges of G.
UndirectedSubgraph(G) ==
  {H \in [node : SUBSET G.node, edge : SUBSET G.edge] : IsUndirectedGraph(H)}

-----------------------------------------------------------------------------
(***************************************************************************)
(* A path is a non-empty sequence of nodes, each joined to the next by an  *)
(* edge; a simple path visits no node twice.  m and n are connected in G   *)
(* when some path leads from m to n (every node is connected to itself).   *)
(***************************************************************************)
LOCAL Steps(p, E) == \A i \in 1..(Len(p) - 1) : {p[i], p[i + 1]} \in E

Path(G) == {p \in Seq(G.node) : p # << >> /\ Steps(p, G.edge)}

\* (A simple path has at most Cardinality(G.node) nodes, which keeps this set
\* finite for a finite graph.)
SimplePath(G) ==
  {p \in UNION {[1..k -> G.node] : k \in 1..Cardinality(G.node)} :
     /\ Steps(p, G.edge)
     /\ \A i, j \in 1..Len(p) : p[i] = p[j] => i = j}

AreConnectedIn(m, n, G) ==
  \E p \in SimplePath(G) : p[1] = m /\ p[Len(p)] = n

-----------------------------------------------------------------------------
(***************************************************************************)
(* The connected components of G: the maximal non-empty sets S of nodes    *)
(* such that any two nodes of S are joined by a path inside S.  G is       *)
(* strongly connected when its nodes form a single component.              *)
(***************************************************************************)
ConnectedComponents(G) ==
  LET Linked(S) ==
        /\ S # {}
        /\ \A m, n \in S : \E p \in SimplePath([node |-> S, edge |-> G.edge]) :
                             p[1] = m /\ p[Len(p)] = n
  IN  {S \in SUBSET G.node :
         /\ Linked(S)
         /\ \A T \in SUBSET G.node : (S \subseteq T /\ S # T) => ~Linked(T)}

IsStronglyConnected(G) == ConnectedComponents(G) = {G.node}

-----------------------------------------------------------------------------
\* All undirected graphs whose set of nodes is S (loops included).
UndirectedGraphs(S) ==
  [node : {S}, edge : SUBSET {{s, t} : <<s, t>> \in S \X S}]
=============================================================================
