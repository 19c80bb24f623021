/**
 * The workflows the benchmark imports into n8n. Each starts with a webhook (so one running n8n can
 * be triggered again and again, and the call returns when the execution ends) and splits the posted
 * `users` list into one item per user. The built-in route's three nodes are taken verbatim from the
 * committed example examples/builtin-route-crypto-http.json; only the URL, the batching and
 * "On Error: Continue" (so that every item is tried and counted) are set here.
 */
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { SANDBOX_CREDENTIAL } from '../e2e/fixtures';
import { REPO_ROOT } from '../e2e/n8n/install';

export const BUILTIN_EXAMPLE = path.join(REPO_ROOT, 'examples', 'builtin-route-crypto-http.json');
const BUILTIN_NODES = [
	'Add timestamp and partner fields',
	'Sign: HMAC-SHA256, base64',
	'Send to Smile ID',
];
const SEND_NODE = 'Send to Smile ID';

interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
	webhookId?: string;
}

interface Workflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	active: boolean;
}

/** What a benchmark workflow is: its id doubles as its webhook path. */
export interface Route {
	id: string;
	label: string;
}

export const ROUTES = {
	node: { id: 'benchSmileIdNode', label: 'This node, its defaults' },
	nodeFixed: { id: 'benchSmileIdNode5', label: 'This node, Max Requests in Flight set' },
	builtinDefaults: {
		id: 'benchBuiltinDflt',
		label: "Built-in route, n8n's defaults (no batching)",
	},
	builtinTuned: { id: 'benchBuiltinTune', label: 'Built-in route, batching tuned to 5 in flight' },
	builtinRate: {
		id: 'benchBuiltinRate',
		label: 'Built-in route, batching tuned to the rate limit',
	},
} satisfies Record<string, Route>;

function readExample(): Workflow {
	return JSON.parse(fs.readFileSync(BUILTIN_EXAMPLE, 'utf8')) as Workflow;
}

/** The Crypto credential the example's signing node refers to, holding the API key as HMAC secret. */
export function hmacCredential(apiKey: string) {
	const sign = readExample().nodes.find((n) => n.type === 'n8n-nodes-base.crypto');
	if (!sign?.credentials?.crypto)
		throw new Error(`${BUILTIN_EXAMPLE} has no Crypto node with a credential`);
	return { ...sign.credentials.crypto, type: 'crypto', data: { hmacSecret: apiKey } };
}

/** Webhook -> Split Out -> the given nodes, connected in a line. */
function webhookWorkflow(route: Route, nodes: WorkflowNode[]): Workflow {
	const head: WorkflowNode[] = [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: {
				httpMethod: 'POST',
				path: route.id,
				responseMode: 'lastNode',
				responseData: 'noData',
				options: {},
			},
		},
		{
			id: randomUUID(),
			name: 'One item per user',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.users', include: 'noOtherFields', options: {} },
		},
	];
	const all = [
		...head,
		...nodes.map((n, i) => ({ ...n, position: [440 + 220 * i, 0] as [number, number] })),
	];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < all.length; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return {
		id: route.id,
		name: `Benchmark: ${route.label}`,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

function nodeWorkflow(route: Route, options: Record<string, unknown>): Workflow {
	return webhookWorkflow(route, [
		{
			id: randomUUID(),
			name: 'Smile ID: deactivate',
			type: 'n8n-nodes-smile-id.smileId',
			typeVersion: 1,
			position: [0, 0],
			onError: 'continueRegularOutput',
			parameters: {
				resource: 'enrollee',
				operation: 'deactivate',
				userId: '={{ $json.userId }}',
				options,
			},
			credentials: { smileIdApi: SANDBOX_CREDENTIAL },
		},
	]);
}

/** The example's three nodes, sending to `enrolleeUrl`, with HTTP Request batching when given. */
function builtinWorkflow(
	route: Route,
	enrolleeUrl: string,
	batch?: { batchSize: number; batchInterval: number },
): Workflow {
	const example = readExample();
	const nodes = BUILTIN_NODES.map((name) => {
		const node = example.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`${BUILTIN_EXAMPLE} has no node named "${name}"`);
		return structuredClone(node);
	});
	const send = nodes.find((n) => n.name === SEND_NODE)!;
	send.parameters.url = enrolleeUrl;
	send.onError = 'continueRegularOutput';
	if (batch)
		send.parameters.options = { ...(send.parameters.options as object), batching: { batch } };
	return webhookWorkflow(route, nodes);
}

export interface WorkflowSettings {
	enrolleeUrl: string;
	/** The requests in flight at which the node, the tuned built-in route and the plain loop are compared. */
	inFlight: number;
	latencyMs: number;
	ratePerSecond: number;
}

/** Writes every benchmark workflow as its own file into `folder`, for `n8n import:workflow --separate`. */
export function writeWorkflows(folder: string, s: WorkflowSettings): Route[] {
	const workflows = [
		nodeWorkflow(ROUTES.node, {}),
		nodeWorkflow(ROUTES.nodeFixed, { maxRequestsInFlight: s.inFlight }),
		builtinWorkflow(ROUTES.builtinDefaults, s.enrolleeUrl),
		// Starts `inFlight` requests every `latencyMs`: on average `inFlight` in flight, as for the node.
		builtinWorkflow(ROUTES.builtinTuned, s.enrolleeUrl, {
			batchSize: s.inFlight,
			batchInterval: s.latencyMs,
		}),
		// Starts R requests a second: what a user who knows the limit would set.
		builtinWorkflow(ROUTES.builtinRate, s.enrolleeUrl, {
			batchSize: s.ratePerSecond,
			batchInterval: 1000,
		}),
	];
	fs.mkdirSync(folder, { recursive: true });
	for (const workflow of workflows)
		fs.writeFileSync(path.join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	return Object.values(ROUTES);
}
