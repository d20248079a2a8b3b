-------------------------------- MODULE SVG ---------------------------------
(***************************************************************************)
(* Drawing states as SVG (for animations), as in the TLA+ community        *)
(* modules.  An element is a record                                        *)
(*                                                                         *)
(*    [name |-> "rect", attrs |-> [x |-> "0", ...], children |-> <<...>>,  *)
(*     innerText |-> ""]                                                   *)
(*                                                                         *)
(* attrs maps attribute names to strings (<<>> for none).  mcheck          *)
(* evaluates SVGElemToString, NodeOfRingNetwork, PointOnLine and           *)
(* NodesOfDirectedMultiGraph natively, as TLC's Java override does.        *)
(***************************************************************************)
LOCAL INSTANCE Naturals
LOCAL INSTANCE Integers
LOCAL INSTANCE Sequences
LOCAL INSTANCE TLC
LOCAL INSTANCE IOUtils

\* The attributes of r1 and those of r2 that r1 does not have.
LOCAL Merge(r1, r2) ==
  [k \in DOMAIN r1 \cup DOMAIN r2 |-> IF k \in DOMAIN r1 THEN r1[k] ELSE r2[k]]

\* The element <_name attrs...>_innerText children...</_name>.
SVGElem(_name, _attrs, _children, _innerText) ==
  [name |-> _name, attrs |-> _attrs, children |-> _children, innerText |-> _innerText]

\* The basic shapes; coordinates and sizes are integers, the extra
\* attributes attrs override none of the positional ones.
Line(x1, y1, x2, y2, attrs) ==
  SVGElem("line", Merge([x1 |-> ToString(x1), y1 |-> ToString(y1),
                         x2 |-> ToString(x2), y2 |-> ToString(y2)], attrs), <<>>, "")

Circle(cx, cy, r, attrs) ==
  SVGElem("circle", Merge([cx |-> ToString(cx), cy |-> ToString(cy),
                           r |-> ToString(r)], attrs), <<>>, "")

Rect(x, y, w, h, attrs) ==
  SVGElem("rect", Merge([x |-> ToString(x), y |-> ToString(y),
                         width |-> ToString(w), height |-> ToString(h)], attrs), <<>>, "")

Text(x, y, text, attrs) ==
  SVGElem("text", Merge([x |-> ToString(x), y |-> ToString(y)], attrs), <<>>, text)

Image(x, y, width, height, href, attrs) ==
  SVGElem("image", Merge(("xlink:href" :> href @@ "x" :> ToString(x) @@
                          "y" :> ToString(y) @@ "width" :> ToString(width) @@
                          "height" :> ToString(height)), attrs), <<>>, "")

\* A group of elements, and an svg container of elements.
Group(children, attrs) == SVGElem("g", attrs, children, "")

Svg(children, attrs) == SVGElem("svg", attrs, children, "")

\* A whole document: an svg element with the SVG name spaces and the view
\* box vbX vbY vbW vbH, around the single element children.
SVGDoc(children, vbX, vbY, vbW, vbH, attrs) ==
  Svg(<<children>>,
      Merge(("xmlns:xlink" :> "http://www.w3.org/1999/xlink" @@
             "xmlns" :> "http://www.w3.org/2000/svg" @@
             "viewBox" :> ToString(vbX) \o " " \o ToString(vbY) \o " " \o
                          ToString(vbW) \o " " \o ToString(vbH)), attrs))

\* The element as SVG text: <name a1='v1' ...>innerText children</name>,
\* with "_" in attribute names written "-" and << >> in the text escaped.
SVGElemToString(elem) == CHOOSE s \in STRING : TRUE

-----------------------------------------------------------------------------
\* The integer coordinates [x, y] of the n-th of m nodes placed evenly on the
\* circle of radius r around (cx, cy), starting at angle 0.
NodeOfRingNetwork(cx, cy, r, n, m) == CHOOSE p \in [x : Int, y : Int] : TRUE

\* Coordinates of the nodes of a directed graph laid out by the algorithm
\* options.algo (TLC uses a Java graph-layout library; mcheck does not have
\* it and reports an error).
NodesOfDirectedMultiGraph(nodes, edges, options) ==
  CHOOSE f \in [nodes -> [x : Int, y : Int]] : TRUE

\* The point 1/segment of the way from `from' to `to'.
PointOnLine(from, to, segment) ==
  [x |-> from.x + ((to.x - from.x) \div segment),
   y |-> from.y + ((to.y - from.y) \div segment)]

-----------------------------------------------------------------------------
\* Writes the element svg to the file frameNamePrefix \o frameNumber \o
\* ".svg" (one frame of an animation); the result is IOUtils!Serialize's.
SVGSerialize(svg, frameNamePrefix, frameNumber) ==
  Serialize(SVGElemToString(svg), frameNamePrefix \o ToString(frameNumber) \o ".svg",
            [format |-> "TXT", charset |-> "UTF-8",
             openOptions |-> <<"WRITE", "CREATE", "TRUNCATE_EXISTING">>])
=============================================================================
