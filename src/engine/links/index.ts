/** Links between captures: the indicator index, "seen before", and the case graph. */
export { linkKeys, parseKey } from './keys';
export {
  addCapture,
  buildIndex,
  findSeenBefore,
  linkedCaptures,
  removeCapture,
  type CaptureIndicators,
  type IndicatorIndex,
  type SeenBefore,
} from './index-store';
export {
  buildCaseGraph,
  siteOf,
  type CaseGraph,
  type GraphCapture,
  type GraphEdge,
  type GraphNode,
  type GraphNodeType,
  type GraphOptions,
} from './graph';
