/**
 * What a model is told about each Smile ID tool. n8n runs a node's tool variant with the node's
 * own properties under the type name `<name>Tool` (n8n/dist/node-types.js; it adds a Tool
 * Description choice only to a node without `toolDescription`); the description and defaults are
 * then n8n-workflow's own (`getToolDescriptionForNode`, `Workflow`). The e2e run (e2e/specs/agents.ts)
 * checks the same through a real MCP client.
 */
import type { INode, INodeType, INodeTypeDescription, INodeTypes } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { ENROLLEE_OPERATIONS } from '../../nodes/SmileId/actions/enrollee/operations';
import { SmileId } from '../../nodes/SmileId/SmileId.node';

const TOOL_TYPE = 'n8n-nodes-smile-id.smileIdTool';

function toolVariant(): INodeType {
	return { description: { ...new SmileId().description, name: TOOL_TYPE } as INodeTypeDescription };
}

/** A tool node as a workflow holds it (only what the user set), with n8n's defaults filled in. */
function toolNode(parameters: INode['parameters']): { node: INode; nodeType: INodeType } {
	const nodeType = toolVariant();
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: '1',
		name: 'Smile ID tool',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return { node: workflow.getNode('Smile ID tool')!, nodeType };
}

describe('the Smile ID tools as a model sees them', () => {
	it.each(Object.entries(ENROLLEE_OPERATIONS))(
		'%s: described by the operation table, with its input and result',
		(operation, { forAgents }) => {
			const { node, nodeType } = toolNode({ resource: 'enrollee', operation });
			const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
			expect(description.startsWith(forAgents)).toBe(true);
			expect(description).toContain('Input: userId, the ID of the user in Smile ID');
			expect(description).toContain('Returns a JSON list with one object: success true');
		},
	);

	it('Delete warns the model that it is permanent and only on explicit request', () => {
		const { node, nodeType } = toolNode({ resource: 'enrollee', operation: 'delete' });
		const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
		expect(description).toMatch(/^PERMANENTLY deletes a user/);
		expect(description).toContain('This cannot be undone');
		expect(description).toContain('explicitly asked');
	});

	it('Get tells the model it changes nothing and what state comes back', () => {
		const { node, nodeType } = toolNode({ resource: 'enrollee', operation: 'get' });
		const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
		expect(description).toMatch(/^Reads the state of a user in Smile ID without changing anything/);
		expect(description).toContain('Input: userId, the ID of the user in Smile ID');
		expect(description).toContain(
			'found true and the state (active, fraudulent, deleted, awaitingReenrollment, jobs)',
		);
	});

	it('a description the user wrote wins over the operation table', () => {
		const { node, nodeType } = toolNode({
			resource: 'enrollee',
			operation: 'deactivate',
			toolDescription: 'Block a cheater',
		});
		expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe('Block a cheater');
	});

	it('the model fills in the User ID, told what it is; a User ID the user set stays', () => {
		expect(toolNode({ resource: 'enrollee', operation: 'flagFraud' }).node.parameters.userId).toBe(
			"={{ $fromAI('userId', 'The ID of the user in Smile ID (the user_id the business sent when the user enrolled), exactly as given to you. Never guess it.', 'string') }}",
		);
		expect(
			toolNode({ resource: 'enrollee', operation: 'flagFraud', userId: 'user-7' }).node.parameters
				.userId,
		).toBe('user-7');
	});

	it('the node itself (not the tool) is unchanged: no tool description, an empty User ID', () => {
		const nodeType: INodeType = new SmileId();
		const nodeTypes: INodeTypes = {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		};
		const node: INode = {
			id: '1',
			name: 'Smile ID',
			type: 'n8n-nodes-smile-id.smileId',
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'enrollee', operation: 'flagFraud' },
		};
		const { parameters } = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes,
		}).getNode('Smile ID')!;
		expect(parameters).not.toHaveProperty('toolDescription');
		expect(parameters.userId).toBe('');
	});
});

describe('the Smile Link tools as a model sees them', () => {
	it('Create Link says who gets the link, that completing it is a paid job, and what comes back', () => {
		const { node, nodeType } = toolNode({ resource: 'link', operation: 'create' });
		const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
		expect(description).toMatch(
			/^Creates a Smile ID verification link \(a web page\) for one person/,
		);
		expect(description).toContain('Send the returned url to that person only');
		expect(description).toContain('runs a paid Smile ID verification job');
		expect(description).toContain('Returns url, refId, expiresAt and userId');
		expect(node.parameters.userId).toBe(
			"={{ $fromAI('userId', 'The ID of the one person this link is for, in the business system (for example the CRM contact ID), exactly as given to you. Never guess it.', 'string') }}",
		);
	});

	it('List Supported ID Types says it changes and costs nothing, and when to call it', () => {
		const { node, nodeType } = toolNode({ resource: 'account', operation: 'listIdTypes' });
		const description = NodeHelpers.getToolDescriptionForNode(node, nodeType);
		expect(description).toMatch(/^Lists the ID types Smile ID supports for this account/);
		expect(description).toContain('Changes nothing and costs nothing');
		expect(description).toContain('Call it before creating a verification link');
	});
});
