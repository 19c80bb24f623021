/**
 * The example workflows as a user opens them: no sticky note lies over a node, where it would hide
 * the node or catch the clicks meant for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/**
 * What n8n's canvas covers for a node at `position` (its top-left corner): taken as the widest node
 * it draws (an AI Agent, 256 px wide) with its name below (100 px node, 40 px label), so that a note
 * which clears this clears every node.
 */
const NODE_BOX = { width: 256, height: 140 };

interface Box {
	name: string;
	left: number;
	top: number;
	right: number;
	bottom: number;
}

interface WorkflowNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: { width?: number; height?: number };
}

function box(node: WorkflowNode, width: number, height: number): Box {
	const [left, top] = node.position;
	return { name: node.name, left, top, right: left + width, bottom: top + height };
}

const overlaps = (a: Box, b: Box) =>
	a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const files = fs.readdirSync(EXAMPLES).filter((file) => file.endsWith('.json'));

describe.each(files)('examples/%s', (file) => {
	const nodes = (
		JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) as { nodes: WorkflowNode[] }
	).nodes;
	const isNote = (node: WorkflowNode) => node.type === 'n8n-nodes-base.stickyNote';

	it('has a sticky note, and no sticky note covers a node', () => {
		// n8n's default size for a sticky note is 240 x 160.
		const notes = nodes
			.filter(isNote)
			.map((n) => box(n, n.parameters.width ?? 240, n.parameters.height ?? 160));
		const covered = notes.flatMap((note) =>
			nodes
				.filter((node) => !isNote(node))
				.map((node) => box(node, NODE_BOX.width, NODE_BOX.height))
				.filter((node) => overlaps(note, node))
				.map((node) => `${note.name} covers ${node.name}`),
		);
		expect(notes.length).toBeGreaterThan(0);
		expect(covered).toEqual([]);
	});
});
