import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { NOT_IN_TOOL, USER_ID_FIX_FOR_AGENTS, runsAsTool } from './tool';

/** The User ID field of every operation about one user (in the tool variant, tool.ts has the model fill it in). */
export const userIdProperty: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. user-3f2c9a',
	description: 'The user_id your system sent to Smile ID when the user enrolled',
	displayOptions: { show: NOT_IN_TOOL },
};

const MAX_USER_ID_LENGTH = 512;
// Control and format characters, line separators, no-break spaces, and the fillers that look blank
// (Hangul fillers, the braille blank) that spreadsheets and copy-paste slip into IDs.
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u115f\u1160\u3164\uffa0\u2800]/u;

const MAP_HINT =
	'Map a single text field into User ID, for example the user_id column of your list.';

/** The user ID as Smile ID will get it, or what is wrong with it. */
export function readUserId(value: unknown): string | { problem: string; fix: string } {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
		return {
			problem: 'The User ID is empty',
			fix: 'Set User ID to the user_id your system sent to Smile ID, or map it from the input item.',
		};
	}
	if (typeof value !== 'string') {
		const kind = Array.isArray(value)
			? 'a list'
			: typeof value === 'object'
				? 'an object'
				: `a ${typeof value}`;
		return { problem: `The User ID must be text, not ${kind}`, fix: MAP_HINT };
	}
	const userId = value.trim();
	// Characters as a person counts them (code points), not UTF-16 units: an emoji is one.
	const length = [...userId].length;
	if (length > MAX_USER_ID_LENGTH) {
		return {
			problem: `The User ID is ${length} characters long, more than the ${MAX_USER_ID_LENGTH} this node sends`,
			fix: MAP_HINT,
		};
	}
	if (INVISIBLE_CHARACTERS.test(userId)) {
		return {
			problem: 'The User ID contains a line break or an invisible character',
			fix: 'Remove line breaks, tabs and invisible or blank-looking characters such as zero-width spaces from the User ID; they often come from copy-paste or spreadsheets.',
		};
	}
	return userId;
}

/** The item's User ID parameter, validated, or an error that says what to fix. Nothing is sent for it. */
export function userIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const userId = readUserId(context.getNodeParameter('userId', itemIndex));
	if (typeof userId !== 'string') {
		const node = context.getNode();
		const description = runsAsTool(node) ? USER_ID_FIX_FOR_AGENTS : userId.fix;
		throw new NodeOperationError(node, userId.problem, { itemIndex, description });
	}
	return userId;
}
