/**
 * The Smile ID tools as agents use them, in a real n8n:
 *  - headless: Manual Trigger -> Tool Executor -> Smile ID tool, one per operation, the User ID
 *    filled by `$fromAI('userId')` from the Tool Executor's query (e2e/workflows/agent-tool-executor.json;
 *    each query holds the arguments twice: n8n 2.x takes them under the tool's name, 1.x the whole query);
 *  - with n8n running: the MCP example (examples/mcp-server-smile-id.json) published, and a real MCP
 *    client (@modelcontextprotocol/sdk, Streamable HTTP) listing and calling its tools.
 * Each check is read against the sandbox: its request log and its users' states.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { RESOURCES } from '../../nodes/SmileId/actions/resources';
import { ENROLLEE_PATH } from '../../sandbox';
import { MCP_BEARER_CREDENTIAL } from '../fixtures';
import { log } from '../n8n/install';
import { executeWorkflow, type WorkflowRun } from '../n8n/instance';
import type { Spec } from '../spec';
import { PARTNER_ID, enrolleeRequests } from './shared';
import { SIX_OPERATIONS } from './six-operations';

const agentUserId = (operation: string) => `e2e-agent-${operation}`;

/** What the tool handed back, as the Tool Executor outputs it: the JSON text an agent reads, parsed. */
function toolResult(run: WorkflowRun | undefined, operation: string): unknown {
	const json = run?.data.resultData.runData[`Run ${operation}`]?.[0]?.data?.main?.[0]?.[0]?.json;
	try {
		return JSON.parse(typeof json === 'string' ? json : JSON.stringify(json));
	} catch {
		return json;
	}
}

export const agentToolExecutor: Spec = {
	name: 'agents: each operation as a tool, through the Tool Executor',
	phase: 'cli',
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		for (const op of SIX_OPERATIONS)
			sandbox.addEnrollee(PARTNER_ID, agentUserId(op.operation), op.seed);
		const result = await executeWorkflow(instance, 'smileIdE2eAgentEx');
		if (
			!(await checks.ok(
				'Tool Executor workflow: n8n execute exits 0',
				result.code === 0,
				`${result.stdout}\n${result.stderr}`,
			))
		)
			return;
		for (const op of SIX_OPERATIONS) {
			const userId = agentUserId(op.operation);
			const answer = toolResult(result.run, op.operation);
			const item: any = Array.isArray(answer) ? answer[0] : undefined;
			await checks.ok(
				`tool ${op.operation}: the agent gets [{ userId, operation, success: true }]`,
				item?.userId === userId && item?.operation === op.operation && item?.success === true,
				answer,
			);
			const requests = enrolleeRequests(sandbox, userId);
			const [flag, value] = op.flag;
			await checks.ok(
				`tool ${op.operation}: one signed request with user_id from $fromAI and ${flag}: ${value} was accepted`,
				requests.length === 1 &&
					requests[0].hasSignature &&
					requests[0].status === 200 &&
					(requests[0].body as any)[flag] === value,
				requests,
			);
			const state = sandbox.enrollee(PARTNER_ID, userId) as any;
			await checks.ok(
				`tool ${op.operation}: the user's state changed (${JSON.stringify(op.after)})`,
				Object.entries(op.after).every(([key, want]) => state?.[key] === want),
				state,
			);
		}
		const read: any = toolResult(result.run, 'get');
		await checks.ok(
			'tool get: the agent reads the flagged user back: [{ userId, found: true, fraudulent: true }]',
			Array.isArray(read) &&
				read[0]?.userId === agentUserId('flagFraud') &&
				read[0]?.found === true &&
				read[0]?.fraudulent === true,
			read,
		);
		await checks.ok(
			'tool get: nothing more was written for that user (still one enrollee request)',
			enrolleeRequests(sandbox, agentUserId('flagFraud')).length === 1,
			enrolleeRequests(sandbox, agentUserId('flagFraud')),
		);
	},
};

/** The MCP example's tools: the n8n node name made a tool name, and the operation it runs. */
const MCP_TOOLS = {
	Get_Smile_ID_user: 'get',
	Flag_Smile_ID_user_as_fraudulent: 'flagFraud',
	Clear_Smile_ID_fraud_flag: 'unflagFraud',
	Deactivate_Smile_ID_user: 'deactivate',
} as const;

async function connect(url: string, token?: string): Promise<Client> {
	const transport = new StreamableHTTPClientTransport(new URL(url), {
		requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : undefined,
	});
	const client = new Client({ name: 'smile-id-e2e', version: '1.0.0' });
	await client.connect(transport);
	return client;
}

/** Connects once n8n has registered the published workflow's webhook (shortly after it reports ready). */
async function connectWhenRegistered(url: string, token: string): Promise<Client> {
	for (let waited = 0; ; waited += 500) {
		try {
			return await connect(url, token);
		} catch (error) {
			if (waited >= 60_000) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

function resultText(result: any): string {
	return (result?.content ?? [])
		.map((part: any) => (part.type === 'text' ? part.text : ''))
		.join('\n');
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');

export const agentMcp: Spec = {
	name: 'agents: the MCP example with a real MCP client',
	phase: 'server',
	activate: ['smileIdExMcpServer'],
	credentials: [MCP_BEARER_CREDENTIAL],
	async run(checks, { stack }) {
		const { sandbox, instance } = stack;
		const url = `${instance.url}/mcp/smile-id`;
		const flaggedUser = 'e2e-mcp-flag';
		sandbox.addEnrollee(PARTNER_ID, flaggedUser, {});

		const client = await connectWhenRegistered(url, MCP_BEARER_CREDENTIAL.data.token);
		try {
			const refused = await connect(url).then(
				async (other) => (await other.close(), false),
				() => true,
			);
			await checks.ok('MCP: a client without the bearer token cannot connect', refused);

			const { tools } = await client.listTools();
			for (const tool of tools)
				log(
					`tools/list: ${tool.name}: ${tool.description}\n    input: ${JSON.stringify(tool.inputSchema)}`,
				);
			await checks.ok(
				`MCP tools/list: the tools ${Object.keys(MCP_TOOLS).join(', ')}`,
				tools
					.map((t) => t.name)
					.sort()
					.join() === Object.keys(MCP_TOOLS).sort().join(),
				tools,
			);
			for (const [name, operation] of Object.entries(MCP_TOOLS)) {
				const tool = tools.find((t) => t.name === name);
				const description = tool?.description ?? '';
				await checks.ok(
					`MCP tools/list: ${name} is described as the operation table says: what it does to the user, userId, what comes back`,
					description === RESOURCES.enrollee.operations[operation].forAgents &&
						/userId/.test(description) &&
						/Returns/.test(description),
					tool,
				);
				const userId: any = (tool?.inputSchema.properties as any)?.userId;
				await checks.ok(
					`MCP tools/list: ${name} takes one required string userId, described for the model`,
					Object.keys(tool?.inputSchema.properties ?? {}).join() === 'userId' &&
						userId?.type === 'string' &&
						/Smile ID/.test(String(userId?.description)) &&
						(tool?.inputSchema.required ?? []).includes('userId'),
					tool?.inputSchema,
				);
			}

			const flagged = await client.callTool({
				name: 'Flag_Smile_ID_user_as_fraudulent',
				arguments: { userId: flaggedUser },
			});
			await checks.ok(
				'MCP call Flag as Fraudulent: the result says success',
				!flagged.isError && /"success":true/.test(resultText(flagged)),
				flagged,
			);
			await checks.ok(
				'MCP call Flag as Fraudulent: the sandbox shows the user flagged',
				(sandbox.enrollee(PARTNER_ID, flaggedUser) as any)?.fraudulent === true,
				sandbox.enrollee(PARTNER_ID, flaggedUser),
			);

			const got = await client.callTool({
				name: 'Get_Smile_ID_user',
				arguments: { userId: flaggedUser },
			});
			await checks.ok(
				'MCP call Get after Flag: the result shows the user flagged as fraudulent',
				!got.isError &&
					/"found":true/.test(resultText(got)) &&
					/"fraudulent":true/.test(resultText(got)),
				got,
			);

			const unknown = await client.callTool({
				name: 'Deactivate_Smile_ID_user',
				arguments: { userId: 'e2e-mcp-nobody' },
			});
			await checks.ok(
				`MCP call for an unknown user: an error result with the 2210 message ("${oneLine(resultText(unknown))}")`,
				unknown.isError === true &&
					resultText(unknown).includes('No enrolled user with this User ID (Smile ID code 2210)'),
				unknown,
			);

			const sentBefore = sandbox.requests().filter((r) => r.path === ENROLLEE_PATH).length;
			const empty = await client.callTool({
				name: 'Deactivate_Smile_ID_user',
				arguments: { userId: '' },
			});
			await checks.ok(
				`MCP call with an empty userId: an error that tells the agent what to do ("${oneLine(resultText(empty))}")`,
				empty.isError === true &&
					/User ID is empty/.test(resultText(empty)) &&
					/Call the tool again with userId/.test(resultText(empty)),
				empty,
			);
			const sentAfter = sandbox.requests().filter((r) => r.path === ENROLLEE_PATH);
			await checks.ok(
				'MCP call with an empty userId: nothing reached the sandbox',
				sentAfter.length === sentBefore,
				sentAfter.slice(sentBefore),
			);
		} finally {
			await client.close();
		}
	},
};
