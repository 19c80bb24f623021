import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { AdaptiveLimit, runWithLimit } from '../../transport/limiter';
import { readCredentials } from '../../transport/environment';
import type { SendSettings } from '../../transport/request';
import { ENROLLEE_PATH, sendToSmileId } from '../../transport/request';
import type { EnrolleeOperationName } from './operations';
import { ENROLLEE_OPERATIONS, isEnrolleeOperation } from './operations';

type NodeError = NodeApiError | NodeOperationError;

type ItemOutcome = { json: IDataObject } | { error: NodeError; json: IDataObject };

/** Codes that mean the credential is wrong: every later item would be refused the same way. */
const CREDENTIAL_REFUSALS = new Set(['2205', '2405']);

function readSettings(context: IExecuteFunctions): SendSettings {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const number = (name: string, fallback: number) =>
		typeof options[name] === 'number' ? (options[name] as number) : fallback;
	return {
		limit: new AdaptiveLimit(Math.max(1, Math.floor(number('maxRequestsInFlight', 5)))),
		timeoutMs: number('timeout', 30) * 1000,
		retry: {
			maxAttempts: Math.max(1, Math.floor(number('maxAttempts', 5))),
			firstDelayMs: number('firstRetryDelay', 1000),
			maxTotalWaitMs: number('maxRetryWait', 60) * 1000,
		},
	};
}

const MAX_USER_ID_LENGTH = 512;
// Control characters and invisible ones that spreadsheets and copy-paste slip into IDs.
const INVISIBLE_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0]/u;

/** The user ID as Smile ID will get it, or what is wrong with it. */
function readUserId(value: unknown): string | { problem: string; fix: string } {
	const mapHint = 'Map a single text field into User ID, for example the user_id column of your list.';
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
		return {
			problem: 'The User ID is empty',
			fix: 'Set User ID to the user_id your system sent to Smile ID, or map it from the input item.',
		};
	}
	if (typeof value !== 'string') {
		const kind = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
		return { problem: `The User ID must be text, not ${kind}`, fix: mapHint };
	}
	const userId = value.trim();
	if (userId.length > MAX_USER_ID_LENGTH) {
		return {
			problem: `The User ID is ${userId.length} characters long, more than the ${MAX_USER_ID_LENGTH} this node sends`,
			fix: mapHint,
		};
	}
	if (INVISIBLE_CHARACTERS.test(userId)) {
		return {
			problem: 'The User ID contains a line break or an invisible character',
			fix: 'Remove line breaks, tabs and invisible characters such as zero-width spaces from the User ID; they often come from copy-paste or spreadsheets.',
		};
	}
	return userId;
}

function readItem(
	context: IExecuteFunctions,
	itemIndex: number,
): { operation: EnrolleeOperationName; userId: string } {
	const node = context.getNode();
	const operation = context.getNodeParameter('operation', itemIndex);
	if (!isEnrolleeOperation(operation)) {
		const name = operation === '__CUSTOM_API_CALL__' ? 'Custom API Call' : `"${String(operation)}"`;
		throw new NodeOperationError(node, `The operation ${name} is not supported by the Smile ID node`, {
			itemIndex,
			description: `Choose one of: ${Object.values(ENROLLEE_OPERATIONS)
				.map(({ name }) => name)
				.join(', ')}. To call another Smile ID endpoint, use the HTTP Request node with the Smile ID API credential.`,
		});
	}
	const userId = readUserId(context.getNodeParameter('userId', itemIndex));
	if (typeof userId !== 'string') {
		throw new NodeOperationError(node, userId.problem, { itemIndex, description: userId.fix });
	}
	return { operation, userId };
}

/**
 * An error item holds one key, `error`: n8n routes an item to the error output ("Continue
 * (using error output)") only when its JSON has no other keys (n8n 1.x: none at all).
 */
function errorJson(error: NodeError, fields: IDataObject): IDataObject {
	return {
		error: {
			message: error.message,
			description: error.description ?? null,
			...fields,
			...(error instanceof NodeApiError ? { httpCode: error.httpCode } : {}),
			...(error.context.smileIdCode ? { smileIdCode: error.context.smileIdCode as string } : {}),
		},
	};
}

async function processItem(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: SendSettings,
): Promise<ItemOutcome> {
	let input: ReturnType<typeof readItem>;
	try {
		input = readItem(context, itemIndex);
	} catch (error) {
		const nodeError =
			error instanceof NodeOperationError || error instanceof NodeApiError
				? error
				: new NodeOperationError(context.getNode(), error as Error, {
						itemIndex,
						description:
							(error as { description?: string }).description ??
							'Check the expressions in the Operation and User ID fields. Nothing was sent.',
					});
		return { error: nodeError, json: errorJson(nodeError, {}) };
	}
	const { operation, userId } = input;
	const result = await sendToSmileId(
		context,
		ENROLLEE_PATH,
		{ user_id: userId, ...ENROLLEE_OPERATIONS[operation].flag },
		itemIndex,
		settings,
	);
	const fields: IDataObject = { userId, operation };
	if (result.ok) {
		return {
			json: { ...fields, success: true, ...(operation === 'delete' ? { deleted: true } : {}), response: result.body as IDataObject },
		};
	}
	if (operation === 'delete' && (result.smileIdCode === '2208' || (result.smileIdCode === '2210' && result.earlierAnswerLost))) {
		return {
			json: {
				...fields,
				success: true,
				deleted: true,
				note:
					result.smileIdCode === '2208'
						? 'Smile ID reports this user as already deleted'
						: 'An earlier attempt reached Smile ID but its answer was lost; Smile ID now finds no such user, so the deletion went through',
			},
		};
	}
	return { error: result.error, json: errorJson(result.error, fields) };
}

export async function executeEnrollee(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const settings = readSettings(this);
	const continueOnFail = this.continueOnFail();
	const outcomes: ItemOutcome[] = new Array(items.length);

	const { problems } = readCredentials(await this.getCredentials('smileIdApi'));
	let haltedBy: { error: NodeError; description: string } | undefined =
		problems.length > 0
			? {
					error: new NodeOperationError(this.getNode(), `The Smile ID credential is incomplete: ${problems.join('; ')}`),
					description: 'Open the Smile ID API credential and fill in the fields named above. Nothing was sent.',
				}
			: undefined;
	let failed = false;

	await runWithLimit(
		items.length,
		settings.limit,
		async (itemIndex) => {
			if (haltedBy) {
				const error = new NodeOperationError(this.getNode(), haltedBy.error.message, {
					itemIndex,
					description: haltedBy.description,
				});
				error.context.smileIdCode = haltedBy.error.context.smileIdCode;
				outcomes[itemIndex] = { error, json: errorJson(error, {}) };
				failed = true;
				return;
			}
			const outcome = await processItem(this, itemIndex, settings);
			outcomes[itemIndex] = outcome;
			if (!('error' in outcome)) return;
			failed = true;
			if (CREDENTIAL_REFUSALS.has(String(outcome.error.context.smileIdCode)) && !haltedBy) {
				haltedBy = {
					error: outcome.error,
					description: `Not sent: Smile ID refused the credential for an earlier item. ${outcome.error.description ?? ''}`.trim(),
				};
			}
		},
		() => this.getExecutionCancelSignal()?.aborted === true || (failed && !continueOnFail),
	);

	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = outcomes[itemIndex];
		if (!outcome) {
			throw new NodeOperationError(this.getNode(), 'The execution was stopped before all items were sent', {
				itemIndex,
			});
		}
		if ('error' in outcome && !continueOnFail) throw outcome.error;
		results.push({ json: outcome.json, pairedItem: { item: itemIndex } });
	}
	return results;
}
