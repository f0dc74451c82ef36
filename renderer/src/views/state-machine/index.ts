// RFC 9293 state diagrams (used by the steps view).
export { StateDiagram, type StateDiagramProps } from './state-diagram.tsx';
export {
  EDGES,
  NODES,
  routeFor,
  nodeFor,
  isOpened,
  edgeGeometry,
  edgeById,
  nodeById,
  type DiagramEdge,
  type DiagramNode,
  type NodeId,
} from './diagram-layout.ts';
