import { createHash } from 'crypto';
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
import type { Refusal } from './callback';
import { checkCallback, refuse } from './callback';
import { confirmWithSmileId } from './confirm';
import { memoryOf } from './memory';
import { freshnessMsOf, triggerOptions, withoutPersonalData } from './options';
import { endMinute, logRefusal } from './refusalLog';

/** What a refused caller is told: nothing about which check failed. The operator's log says that. */
const REFUSAL_ANSWERS = {
	400: 'Bad Request',
	401: 'Unauthorized',
	413: 'Payload Too Large',
	503: 'Service Unavailable',
} as const;

export class SmileIdTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Smile ID Trigger',
		name: 'smileIdTrigger',
		icon: { light: 'file:../SmileId/smileId.svg', dark: 'file:../SmileId/smileId.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "POST /webhook/" + $parameter["path"] }}',
		// n8n's node panel merges this trigger with the Smile ID node and shows this description above
		// both nodes' actions (its node creator: "default to trigger description"), so it names both.
		description:
			"Deactivate, flag, delete or read Smile ID users and jobs, or start a workflow when Smile ID sends a job's result it signed",
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
			triggerOptions,
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
				endMinute(`${this.getWorkflow().id}:${this.getNode().id}`, Infinity);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const response = this.getResponseObject();
		const trigger = `${this.getWorkflow().id}:${this.getNode().id}`;
		const where = { workflowId: this.getWorkflow().id, node: this.getNode().name };
		endMinute(trigger, Date.now());
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};
		const unusable = (problem: string) => {
			logRefusal(
				trigger,
				(line, meta) => this.logger.error(line, { ...meta, ...where }),
				`Smile ID Trigger cannot check callbacks: ${problem}`,
				{},
			);
			return answer(500, { error: 'Internal Server Error' });
		};

		const freshness = freshnessMsOf(options);
		if ('problem' in freshness) return unusable(freshness.problem);
		const { credentials } = readCredentials(await this.getCredentials('smileIdApi'));
		if (!credentials.partnerId || !credentials.apiKey)
			return unusable('its credential has no Partner ID or API Key');

		const refused = (refusal: Refusal) => {
			// n8n's console log prints the message only: the SmileJobID goes into it, as well as into the metadata.
			const job = refusal.smileJobId ? ` (SmileJobID ${refusal.smileJobId})` : '';
			logRefusal(
				trigger,
				(line, meta) => this.logger.warn(line, { ...meta, ...where }),
				`Smile ID Trigger refused a callback with HTTP ${refusal.status}: ${refusal.reason}${job}`,
				{ smileJobId: refusal.smileJobId ?? null },
			);
			return answer(refusal.status, { error: REFUSAL_ANSWERS[refusal.status] });
		};
		const notStarted = (reason: string) => answer(200, { received: true, started: false, reason });

		const body = rawBody(this);
		const nowMs = Date.now();
		const check = checkCallback(body, credentials, nowMs, freshness.ms);
		if (!check.ok) return refused(check);
		// A signature is valid for any body, so each is used once; the same body again is a re-send.
		const memory = memoryOf(trigger);
		const bodyHash = createHash('sha256').update(body).digest('base64');
		const firstBody = memory.signatures.get(check.signature, nowMs);
		if (firstBody === bodyHash) return notStarted('callback already handled');
		if (firstBody !== undefined)
			return refused(refuse(401, 'signature already used with another body', check.callback));
		// Kept for two windows: a timestamp up to one window ahead stays valid for one window more.
		memory.signatures.add(check.signature, bodyHash, nowMs, 2 * freshness.ms);

		// Once per SmileJobID, held while Smile ID is asked, so that two at once start one run.
		const claimedJob = check.smileJobId;
		if (claimedJob && memory.jobs.get(claimedJob, nowMs))
			return notStarted('SmileJobID already handled');
		if (claimedJob) memory.jobs.add(claimedJob, true, nowMs, freshness.ms);
		let said: IDataObject = check.callback;
		const confirmed = options.confirmWithSmileId !== false;
		if (confirmed) {
			const confirmation = await confirmWithSmileId(this, check.callback);
			if (!confirmation.ok) {
				if (claimedJob) memory.jobs.forget(claimedJob);
				// No answer to go by: a retry of this very callback must get through.
				if (confirmation.status === 503) memory.signatures.forget(check.signature);
				return refused(refuse(confirmation.status, confirmation.reason, check.callback));
			}
			said = confirmation.result;
		}
		const result = readJobResult(said);
		const smileJobId = typeof result.smileJobId === 'string' ? result.smileJobId.trim() : '';
		if (!claimedJob && smileJobId) {
			if (memory.jobs.get(smileJobId, nowMs)) return notStarted('SmileJobID already handled');
			memory.jobs.add(smileJobId, true, nowMs, freshness.ms);
		}
		const onlyVerdicts = (options.onlyVerdicts ?? []) as string[];
		if (onlyVerdicts.length > 0 && !onlyVerdicts.includes(result.verdict))
			return notStarted(`verdict ${result.verdict} not selected`);

		const json: IDataObject = { ...result, confirmed };
		if (options.includeRawCallback !== false) {
			const callback = { ...check.callback };
			delete callback.signature;
			json.callback = (
				options.includePersonalData === true ? callback : withoutPersonalData(callback)
			) as IDataObject;
		}
		response.status(200).json({ received: true, started: true });
		return { noWebhookResponse: true, workflowData: [this.helpers.returnJsonArray(json)] };
	}
}

/** The request body exactly as received: n8n keeps it next to its own parse of it. */
function rawBody(context: IWebhookFunctions): Buffer {
	const { rawBody } = context.getRequestObject() as unknown as { rawBody?: unknown };
	return Buffer.isBuffer(rawBody)
		? rawBody
		: Buffer.from(JSON.stringify(context.getBodyData() ?? null));
}
