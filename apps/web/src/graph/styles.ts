import type { StylesheetJson } from 'cytoscape';
import { KINDS } from './kinds';
import { NEUTRAL } from './palette';
import { RESTRICTED_STYLE } from './restricted';

/**
 * The one stylesheet of every graph view: shape per kind, colour from the element's data (its
 * domain), classes for emphasis. Labels carry the name, classification badge and domain tags.
 */
export function graphStyles(): StylesheetJson {
  return [...nodeStyles(), ...edgeStyles()];
}

/** Nodes: shape per kind, then the emphasis classes (later rules win). */
function nodeStyles(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'background-color': 'data(color)',
        'border-width': 1,
        'border-color': '#52606D',
        color: NEUTRAL.text,
        'font-size': 11,
        'text-wrap': 'wrap',
        'text-max-width': '140px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        width: 'data(size)',
        height: 'data(size)',
      },
    },
    ...KINDS.map((k) => ({ selector: `node[kind = "${k.kind}"]`, style: { shape: k.shape } })),
    { selector: 'node[kind = "Threat"]', style: { 'background-color': NEUTRAL.threat } },
    // Above the user's clearance: grey, a shape no kind has, dashed; the label is its kind only.
    {
      selector: 'node[?restricted]',
      style: {
        'background-color': RESTRICTED_STYLE.color,
        shape: RESTRICTED_STYLE.shape,
        'border-style': 'dashed',
        'border-width': 2,
        'border-color': RESTRICTED_STYLE.border,
        color: RESTRICTED_STYLE.border,
        'font-style': 'italic',
      },
    },
    { selector: 'node.target', style: { 'border-width': 4, 'border-color': NEUTRAL.text } },
    { selector: 'node.classified', style: { 'border-style': 'double', 'border-width': 4 } },
    {
      selector: 'node.spof',
      style: { 'border-width': 5, 'border-color': NEUTRAL.highlight, 'border-style': 'solid' },
    },
    {
      selector: 'node.common-mode',
      style: { 'border-width': 5, 'border-color': NEUTRAL.highlight, 'border-style': 'dashed' },
    },
    { selector: 'node.failed', style: { opacity: 0.45, 'border-style': 'dotted' } },
    {
      selector: 'node.missing',
      style: { 'background-opacity': 0, 'border-style': 'dashed', 'border-width': 2 },
    },
    {
      selector: 'node.sector',
      style: { shape: 'round-rectangle', 'text-valign': 'center', 'font-weight': 'bold' },
    },
    { selector: 'node:selected', style: { 'overlay-color': NEUTRAL.highlight, 'overlay-opacity': 0.2 } },
  ];
}

/** Edges: labelled arrows, then the emphasis classes. */
function edgeStyles(): StylesheetJson {
  return [
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': NEUTRAL.edge,
        'target-arrow-color': NEUTRAL.edge,
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 9,
        'text-rotation': 'autorotate',
        'text-background-color': '#FFFFFF',
        'text-background-opacity': 0.8,
        color: NEUTRAL.text,
      },
    },
    { selector: 'edge.best', style: { width: 4 } },
    {
      selector: 'edge.spof',
      style: { 'line-color': NEUTRAL.highlight, 'target-arrow-color': NEUTRAL.highlight, width: 4 },
    },
    {
      selector: 'edge.depends',
      style: { 'line-style': 'dashed', 'line-color': NEUTRAL.highlight, 'target-arrow-shape': 'none' },
    },
    { selector: 'edge.structure', style: { 'line-style': 'dotted', 'target-arrow-shape': 'none' } },
  ];
}
