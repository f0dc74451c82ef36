// One endpoint's RFC 9293 §3.3.2 state diagram drawn with D3 as SVG: the fixed layout of
// diagram-layout.ts, the current state's box highlighted, and the edges taken at this step drawn
// in (a d3 transition on stroke-dashoffset) unless the user prefers reduced motion. Labels are
// d3 `.text()` only.

import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as d3 from 'd3';
import {
  EDGES,
  HEIGHT,
  NODES,
  NODE_H,
  NODE_W,
  WIDTH,
  edgeGeometry,
  type DiagramEdge,
  type NodeId,
} from './diagram-layout.ts';
import { STATE_MACHINE_CSS } from './state-machine-style.ts';

export interface StateDiagramProps {
  /** 'client' | 'server': names the diagram and its test id. */
  side: string;
  /** Heading, e.g. "Client 10.0.0.1:5000". */
  title: string;
  /** The box to highlight. */
  current: NodeId;
  /** Edges taken by this step, in order (empty when the state did not change). */
  taken: DiagramEdge[];
  /** Changes on every step so the animation replays even when the same edge is taken again. */
  stepKey: string | number;
}

function reducedMotion(): boolean {
  return typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
}

export function StateDiagram({ side, title, current, taken, stepKey }: StateDiagramProps) {
  const { t, i18n } = useTranslation();
  const ref = useRef<SVGSVGElement>(null);
  const geo = useMemo(() => new Map(EDGES.map((e) => [e.id, edgeGeometry(e)])), []);
  const markerId = `sm-arrow-${side}`;
  const markerOn = `sm-arrow-on-${side}`;

  // The static diagram: drawn once per language (labels change with it).
  useEffect(() => {
    const svg = d3.select(ref.current!);
    svg.selectAll('g.sm-root').remove();
    const root = svg.append('g').attr('class', 'sm-root');
    const edges = root
      .append('g')
      .attr('class', 'edges')
      .selectAll<SVGGElement, DiagramEdge>('g.edge')
      .data(EDGES, (e) => e.id)
      .join('g')
      .attr('class', (e) => `edge${e.extra ? ' extra' : ''}`)
      .attr('data-edge', (e) => e.id);
    edges
      .append('path')
      .attr('d', (e) => geo.get(e.id)!.d)
      .attr('marker-end', `url(#${markerId})`);
    edges
      .append('text')
      .attr('x', (e) => geo.get(e.id)!.lx)
      .attr('y', (e) => geo.get(e.id)!.ly)
      .attr('text-anchor', (e) => geo.get(e.id)!.anchor)
      .text((e) => t(`stateMachine.edge.${e.label}`));
    const nodes = root
      .append('g')
      .attr('class', 'nodes')
      .selectAll('g.node')
      .data(NODES, (n) => (n as (typeof NODES)[number]).id)
      .join('g')
      .attr('class', 'node')
      .attr('data-node', (n) => n.id)
      .attr('data-state', (n) => n.state)
      .attr('transform', (n) => `translate(${n.x - NODE_W / 2},${n.y - NODE_H / 2})`);
    nodes.append('rect').attr('width', NODE_W).attr('height', NODE_H).attr('rx', 5);
    nodes
      .append('text')
      .attr('x', NODE_W / 2)
      .attr('y', NODE_H / 2 + 4)
      .text((n) => n.state);
    nodes.append('title').text((n) => t(`stateMachine.state.${n.state}`));
  }, [geo, t, i18n.language, markerId]);

  // Highlight and animation: every step.
  useEffect(() => {
    const svg = d3.select(ref.current!);
    const takenIds = new Set(taken.map((e) => e.id));
    svg
      .selectAll<SVGGElement, { id: NodeId }>('g.node')
      .classed('current', (n) => n.id === current)
      .attr('aria-current', (n) => (n.id === current ? 'true' : null));
    const edges = svg.selectAll<SVGGElement, DiagramEdge>('g.edge');
    edges.classed('taken', (e) => takenIds.has(e.id));
    edges.select('path').attr('marker-end', (e) => `url(#${takenIds.has(e.id) ? markerOn : markerId})`);
    const paths = edges.filter((e) => takenIds.has(e.id)).select<SVGPathElement>('path');
    paths.interrupt();
    if (reducedMotion()) {
      paths.attr('stroke-dasharray', null).attr('stroke-dashoffset', null);
      return;
    }
    paths.each(function (_e, i) {
      const p = d3.select(this);
      const len = this.getTotalLength?.() ?? 200;
      p.attr('stroke-dasharray', `${len} ${len}`)
        .attr('stroke-dashoffset', len)
        .transition()
        .delay(i * 450)
        .duration(450)
        .ease(d3.easeCubicOut)
        .attr('stroke-dashoffset', 0)
        .on('end', () => p.attr('stroke-dasharray', null).attr('stroke-dashoffset', null));
    });
  }, [current, taken, stepKey, markerId, markerOn, i18n.language]);

  return (
    <figure className="state-diagram" data-testid={`state-diagram-${side}`} data-current={current}>
      <figcaption>{title}</figcaption>
      <svg
        ref={ref}
        className="sm"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('stateMachine.aria', { title, state: current === 'CLOSED-END' ? 'CLOSED' : current })}
      >
        <style>{STATE_MACHINE_CSS}</style>
        <defs>
          <marker
            id={markerId}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerUnits="userSpaceOnUse"
            markerWidth="8"
            markerHeight="8"
            orient="auto"
          >
            <path d="M0,0L10,5L0,10z" className="mk" />
          </marker>
          <marker
            id={markerOn}
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerUnits="userSpaceOnUse"
            markerWidth="11"
            markerHeight="11"
            orient="auto"
          >
            <path d="M0,0L10,5L0,10z" className="mk-on" />
          </marker>
        </defs>
      </svg>
    </figure>
  );
}
