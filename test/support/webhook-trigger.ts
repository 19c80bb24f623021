/**
 * Delivers HTTP requests to the Smile ID Trigger the way n8n's webhook server does, as far as
 * n8n-core allows without n8n's server: the node's webhook() runs in n8n-core's real
 * WebhookContext (parameters, credentials, static data, logger), and an accepted callback's
 * items are run through n8n-core's WorkflowExecute as n8n starts a webhook execution.
 * Stand-ins: the Express request and response (a plain object holding the raw body, and a
 * recorder of status and JSON) and the credential store. Each request gets a fresh Workflow, as in n8n.
 */
import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeParameters,
	INodeTypes,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { SmileIdTrigger } from '../../nodes/SmileIdTrigger/SmileIdTrigger.node';
import { TestCredentialsHelper } from './credentials-helper';
// What n8n logs during these runs is kept off jest's console, as in the engine harness.
import './n8n-log';

const TRIGGER_TYPE = 'n8n-nodes-smile-id.smileIdTrigger';
const TRIGGER_NAME = 'Smile ID Trigger';

const nodeTypes: INodeTypes = {
	getByName: () => new SmileIdTrigger(),
	getByNameAndVersion: (_type, version) =>
		NodeHelpers.getVersionedNodeType(new SmileIdTrigger(), version),
	getKnownTypes: () => ({}),
};

export interface TriggerAnswer {
	/** The HTTP status the caller got: the node's own, or n8n's 200 for a webhook that answered normally. */
	status: number;
	/** What the caller got back from the node (n8n's own answer, when the node leaves it to n8n, is not modelled). */
	body: unknown;
	/** Whether an execution was started, and the items the trigger output in it. */
	started: boolean;
	items: IDataObject[];
}

/** One workflow holding one Smile ID Trigger, with what it logged and the executions it started. */
let workflowCount = 0;

export class TriggerWorkflow {
	readonly warnings: string[] = [];

	readonly errors: string[] = [];

	/** Each TriggerWorkflow is its own workflow: its own memory of callbacks and its own log budget. */
	readonly workflowId = `wf-trigger-${++workflowCount}`;

	readonly executions: IDataObject[][] = [];

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		private readonly parameters: IDataObject = {},
	) {}

	/** POSTs a body (an object is sent as JSON; a string or Buffer as is) to the trigger's webhook. */
	async post(body: IDataObject | string | Buffer): Promise<TriggerAnswer> {
		const rawBody = Buffer.isBuffer(body)
			? body
			: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
		const node: INode = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'a1b2c3',
			parameters: { path: 'smile-id-callback', ...this.parameters } as INodeParameters,
			credentials: { smileIdApi: { id: '1', name: 'Smile ID account' } },
		};
		const workflow = new Workflow({
			id: this.workflowId,
			name: 'Smile ID callbacks',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			settings: { executionOrder: 'v1' },
		});

		const answer: { status: number; body: unknown } = { status: 200, body: undefined };
		const response = {
			status(code: number) {
				answer.status = code;
				return response;
			},
			json(data: unknown) {
				answer.body = data;
				return response;
			},
			end: () => response,
		};
		let parsed: unknown;
		try {
			parsed = JSON.parse(rawBody.toString('utf8'));
		} catch {
			parsed = {};
		}
		const additionalData = {
			credentialsHelper: new TestCredentialsHelper(this.credentials),
			httpRequest: {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: parsed,
				rawBody,
				params: {},
				query: {},
			},
			httpResponse: response,
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			restApiUrl: 'http://127.0.0.1:5678/rest',
			variables: {},
		} as unknown as IWorkflowExecuteAdditionalData;
		const webhookData: IWebhookData = {
			workflowExecuteAdditionalData: additionalData,
			httpMethod: 'POST',
			node: TRIGGER_NAME,
			path: 'smile-id-callback',
			workflowId: workflow.id,
			webhookDescription: new SmileIdTrigger().description.webhooks![0],
		};

		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			webhookData,
			[],
			null,
		);
		// n8n's own logger, as the node reaches it; its warn lines are what the operator sees.
		jest.spyOn(context.logger, 'warn').mockImplementation((message: string, meta?: object) => {
			this.warnings.push(`${message} ${JSON.stringify(meta ?? {})}`);
		});
		jest.spyOn(context.logger, 'error').mockImplementation((message: string, meta?: object) => {
			this.errors.push(`${message} ${JSON.stringify(meta ?? {})}`);
		});
		const result = await new SmileIdTrigger().webhook.call(context);

		if (!result.workflowData) {
			return result.noWebhookResponse
				? { ...answer, started: false, items: [] }
				: { status: 200, body: result.webhookResponse, started: false, items: [] };
		}

		// As n8n does for a webhook: the trigger's output is the start node's input, and the engine passes it on.
		const hooks = new ExecutionLifecycleHooks(
			'webhook',
			`execution-${this.executions.length + 1}`,
			{
				id: workflow.id,
				name: workflow.name,
				active: true,
				isArchived: false,
				nodes: [node],
				connections: {},
				createdAt: new Date(),
				updatedAt: new Date(),
				activeVersionId: null,
			} as unknown as ConstructorParameters<typeof ExecutionLifecycleHooks>[2],
		);
		const run = await new WorkflowExecute(
			{ ...additionalData, hooks } as IWorkflowExecuteAdditionalData,
			'webhook',
			createRunExecutionData({
				executionData: {
					nodeExecutionStack: [{ node, data: { main: result.workflowData }, source: null }],
				},
			}),
		).processRunExecutionData(workflow);
		const items = (run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main?.[0] ?? []).map(
			(item) => item.json,
		);
		this.executions.push(items);
		// The node's own answer, or n8n's answer for a workflow it started (not modelled).
		return result.noWebhookResponse
			? { ...answer, started: true, items }
			: { status: 200, body: undefined, started: true, items };
	}
}
