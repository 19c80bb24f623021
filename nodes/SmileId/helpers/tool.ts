import type { INode, INodeProperties } from 'n8n-workflow';

/** `displayOptions.show` for parameters of the tool variant only: n8n reads `@tool` as "the node type is a tool". */
export const IN_TOOL = { '@tool': [true] };
export const NOT_IN_TOOL = { '@tool': [false] };

/** What the model is told about its one input; no quote marks, it sits inside an expression. */
const USER_ID_FOR_AGENTS =
	'The ID of the user in Smile ID (the user_id the business sent when the user enrolled), exactly as given to you. Never guess it.';

/** What an agent should do when the User ID it sent cannot be sent on to Smile ID. */
export const USER_ID_FIX_FOR_AGENTS =
	'Nothing was sent. Call the tool again with userId set to the ID of the user in Smile ID, as one line of text exactly as given to you.';

/** n8n names the tool variant of a node `<name>Tool`: an agent or an MCP client is calling it. */
export function runsAsTool(node: INode): boolean {
	return node.type.endsWith('Tool');
}

/**
 * The tool's Description, pre-filled per operation and written for a model (n8n's automatic one
 * is only "<action> in Smile ID"). n8n builds the tool variant it runs from the node's own
 * properties, and adds no "Tool Description" choice of its own to a node that has
 * `toolDescription`; the user can still edit the text.
 */
export function toolDescriptionProperty(operation: {
	description: string;
	forAgents?: string;
}): INodeProperties {
	const property: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: 'What the model is told about this tool, to decide when to call it',
	};
	// Set after the literal: n8n's lint rule only recognizes a literal default.
	return { ...property, default: operation.forAgents ?? operation.description };
}

/** The tool's User ID: filled in by the model, which is told what it is. */
export const userIdForModelProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: `={{ $fromAI('userId', '${USER_ID_FOR_AGENTS}', 'string') }}`,
	displayOptions: { show: IN_TOOL },
	description: 'Filled in by the model; or set a fixed User ID',
};
