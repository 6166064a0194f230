import cytoscape from 'cytoscape';
import type { Core, ElementDefinition, LayoutOptions } from 'cytoscape';
import cytoscapeSvg from 'cytoscape-svg';
import { useEffect, useRef, useState } from 'react';
import { graphStyles } from '../graph/styles';

cytoscape.use(cytoscapeSvg);

/** Above this many elements the canvas trades detail while moving for smooth pan and zoom. */
const LARGE = 1500;

/** Graphs on the page by name: the end-to-end tests read what is drawn through this. */
declare global {
  interface Window {
    rampartGraphs?: Record<string, Core>;
  }
}

export interface GraphCanvasProps {
  name: string;
  elements: ElementDefinition[];
  layout: LayoutOptions;
  onSelect?: (id: string) => void;
  /** A tap on an edge (by its element id). */
  onSelectEdge?: (id: string) => void;
}

/** The element cap: above it a view asks to be narrowed instead of freezing the page. */
const CAP_KEY = 'rampart.maxElements';
export const DEFAULT_CAP = 5000;
export const elementCap = (): number => Number(localStorage.getItem(CAP_KEY)) || DEFAULT_CAP;

/**
 * One graph view: above the element cap (default 5,000; set per browser) it asks the user to
 * narrow the view, offering to raise the cap; otherwise it draws.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const [cap, setCap] = useState(elementCap);
  const n = props.elements.length;
  if (n <= cap) return <CytoscapeCanvas {...props} />;
  return (
    <div className="panel" data-testid={`graph-${props.name}-capped`}>
      <p>
        This view has {n.toLocaleString()} elements, more than the cap of {cap.toLocaleString()}: narrow it
        (filters, fewer hops, fewer starts) to keep the page responsive.
      </p>
      <button
        onClick={() => {
          localStorage.setItem(CAP_KEY, String(n));
          setCap(n);
        }}
      >
        Raise the cap to {n.toLocaleString()} and draw
      </button>
    </div>
  );
}

/** One Cytoscape instance, rebuilt when its elements or layout change; toolbar to fit, zoom, export. */
function CytoscapeCanvas({ name, elements, layout, onSelect, onSelectEdge }: GraphCanvasProps) {
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const selectEdge = useRef(onSelectEdge);
  selectEdge.current = onSelectEdge;

  useEffect(() => {
    const large = elements.length > LARGE;
    const started = performance.now();
    const cy = cytoscape({
      container: box.current,
      elements,
      style: graphStyles(),
      layout,
      minZoom: 0.05,
      maxZoom: 4,
      textureOnViewport: large,
      hideEdgesOnViewport: large,
      hideLabelsOnViewport: large,
      motionBlur: false,
      pixelRatio: large ? 1 : 'auto',
    });
    cy.on('tap', 'node', (e) => select.current?.(e.target.id()));
    cy.on('tap', 'edge', (e) => selectEdge.current?.(e.target.id()));
    cyRef.current = cy;
    window.rampartGraphs = { ...window.rampartGraphs, [name]: cy };
    box.current?.setAttribute('data-render-ms', String(Math.round(performance.now() - started)));
    return () => {
      cy.destroy();
      cyRef.current = null;
      if (window.rampartGraphs?.[name] === cy) delete window.rampartGraphs[name];
    };
  }, [name, elements, layout]);

  const zoom = (f: number) => {
    const cy = cyRef.current;
    if (cy) cy.zoom({ level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  };
  const download = (blob: Blob, ext: string) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `rampart-${name}.${ext}`;
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const exportPng = () => {
    const cy = cyRef.current;
    if (cy) download(cy.png({ output: 'blob', full: true, bg: '#ffffff', scale: 2 }), 'png');
  };
  const exportSvg = () => {
    const cy = cyRef.current as (Core & { svg: (o: object) => string }) | null;
    if (cy) download(new Blob([cy.svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' }), 'svg');
  };

  return (
    <div className="graph-wrap">
      <div className="graph-tools" role="toolbar" aria-label="Graph tools">
        <button onClick={() => cyRef.current?.fit(undefined, 30)}>Fit</button>
        <button onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button onClick={exportPng}>PNG</button>
        <button onClick={exportSvg}>SVG</button>
        <span className="graph-count">
          {elements.filter((e) => e.group === 'nodes').length} nodes,{' '}
          {elements.filter((e) => e.group === 'edges').length} edges
        </span>
      </div>
      <div className="graph" ref={box} data-testid={`graph-${name}`} />
    </div>
  );
}
