import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readCredentials } from '../SmileId/common/credentials';
import { readJobResult } from '../SmileId/common/jobResult';
import { VERDICTS } from '../SmileId/common/resultCodes';
import { checkCallback, isRepeatedJob } from './callback';

const DEFAULT_FRESHNESS_MINUTES = 10;

/** What a refused caller is told: nothing about which check failed. The operator's log says that. */
const REFUSAL_ANSWERS = {
	400: 'Bad Request',
	401: 'Unauthorized',
	413: 'Payload Too Large',
} as const;

export class SmileIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID Trigger',
		name: 'smileIdTrigger',
		icon: { light: 'file:../SmileId/smileId.svg', dark: 'file:../SmileId/smileId.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "POST /webhook/" + $parameter["path"] }}',
		description:
			"Starts the workflow when Smile ID sends a job's result, after checking Smile ID signed it",
		defaults: { name: 'Smile ID Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'smileIdApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '={{$parameter["path"]}}',
				isFullPath: true,
			},
		],
		properties: [
			{
				displayName:
					"Set this webhook's Production URL as the callback URL in the Smile ID portal (or as callback_url of each job). Only callbacks signed with the credential's partner ID and API key start the workflow.",
				name: 'callbackNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Path',
				name: 'path',
				type: 'string',
				default: 'smile-id-callback',
				required: true,
				description: 'The webhook path Smile ID posts to; give each workflow its own',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Freshness Window (Minutes)',
						name: 'freshnessWindow',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_FRESHNESS_MINUTES,
						description:
							"How far a callback's signed timestamp may lie from n8n's clock, either way; also how long a SmileJobID is remembered so a re-sent callback starts nothing",
					},
					{
						displayName: 'Include Raw Callback',
						name: 'includeRawCallback',
						type: 'boolean',
						default: true,
						description:
							'Whether to add the whole callback body (without its signature) under "callback"',
					},
					{
						displayName: 'Only These Verdicts',
						name: 'onlyVerdicts',
						type: 'multiOptions',
						options: VERDICTS.map((verdict) => ({
							name: verdict.charAt(0).toUpperCase() + verdict.slice(1),
							value: verdict,
						})).sort((a, b) => a.name.localeCompare(b.name)),
						default: [],
						description:
							'Start the workflow only for these verdicts; other callbacks are answered 200 and start nothing. Empty: every verdict.',
					},
				],
			},
		],
	};

	/**
	 * Smile ID has no API to register a callback URL: it is set in the portal or per job. So
	 * activation registers nothing and tells the operator, in n8n's log, which URL to set there.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				this.logger.info(
					`Smile ID Trigger is listening: set ${this.getNodeWebhookUrl('default')} as the callback URL in the Smile ID portal`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const freshnessMs =
			(typeof options.freshnessWindow === 'number'
				? options.freshnessWindow
				: DEFAULT_FRESHNESS_MINUTES) * 60_000;
		const response = this.getResponseObject();
		const { credentials } = readCredentials(await this.getCredentials('smileIdApi'));
		if (!credentials.partnerId || !credentials.apiKey) {
			this.logger.error(
				'Smile ID Trigger cannot check callbacks: its credential has no Partner ID or API Key',
			);
			response.status(500).json({ error: 'Internal Server Error' });
			return { noWebhookResponse: true };
		}

		const nowMs = Date.now();
		const check = checkCallback(rawBody(this), credentials, nowMs, freshnessMs);
		if (!check.ok) {
			// n8n's console log prints the message only: the SmileJobID goes into it, as well as into the metadata.
			const job = check.smileJobId ? ` (SmileJobID ${check.smileJobId})` : '';
			this.logger.warn(
				`Smile ID Trigger refused a callback with HTTP ${check.status}: ${check.reason}${job}`,
				{
					smileJobId: check.smileJobId ?? null,
					workflowId: this.getWorkflow().id,
					node: this.getNode().name,
				},
			);
			response.status(check.status).json({ error: REFUSAL_ANSWERS[check.status] });
			return { noWebhookResponse: true };
		}

		const result = readJobResult(check.callback);
		const trigger = `${this.getWorkflow().id}:${this.getNode().id}`;
		if (
			typeof result.smileJobId === 'string' &&
			isRepeatedJob(trigger, result.smileJobId, nowMs, freshnessMs)
		) {
			return {
				webhookResponse: { received: true, started: false, reason: 'SmileJobID already handled' },
			};
		}
		const onlyVerdicts = (options.onlyVerdicts ?? []) as string[];
		if (onlyVerdicts.length > 0 && !onlyVerdicts.includes(result.verdict)) {
			return {
				webhookResponse: {
					received: true,
					started: false,
					reason: `verdict ${result.verdict} not selected`,
				},
			};
		}
		const json: IDataObject = { ...result };
		if (options.includeRawCallback !== false) {
			const callback = { ...check.callback };
			delete callback.signature;
			json.callback = callback;
		}
		return { workflowData: [this.helpers.returnJsonArray(json)] };
	}
}

/** The request body exactly as received: n8n keeps it next to its own parse of it. */
function rawBody(context: IWebhookFunctions): Buffer {
	const { rawBody } = context.getRequestObject() as unknown as { rawBody?: unknown };
	return Buffer.isBuffer(rawBody)
		? rawBody
		: Buffer.from(JSON.stringify(context.getBodyData() ?? null));
}
