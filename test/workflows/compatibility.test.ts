/**
 * A workflow saved with version 0.1 (compatibility/saved-with-0.1.json: every resource and
 * operation, each option, the tool variant and the trigger) opens and runs unchanged: every
 * saved parameter and option value is one the node still knows, and each node's output equals
 * the output 0.1 gave (compatibility/outputs-0.1.json, recorded by running 0.1 itself).
 * To record again, on purpose only: RECORD_COMPATIBILITY=1 npx jest test/workflows/compatibility.test.ts
 */
import { readFileSync, writeFileSync } from 'fs';
import path from 'path';

import type { IDataObject, INode, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { SmileId } from '../../nodes/SmileId/SmileId.node';
import { SmileIdTrigger } from '../../nodes/SmileIdTrigger/SmileIdTrigger.node';
import { sandboxCredentials, sdkSignature, useSandbox } from '../support/fixtures';
import { runSmileIdNode } from '../support/n8n-engine';
import { TriggerWorkflow } from '../support/webhook-trigger';

const HERE = path.join(__dirname, 'compatibility');
const workflow = JSON.parse(readFileSync(path.join(HERE, 'saved-with-0.1.json'), 'utf8')) as {
	nodes: INode[];
};
const OUTPUTS = path.join(HERE, 'outputs-0.1.json');
const recording = process.env.RECORD_COMPATIBILITY === '1';
const recorded: Record<string, unknown> = recording
	? {}
	: (JSON.parse(readFileSync(OUTPUTS, 'utf8')) as Record<string, unknown>);

const sandbox = useSandbox();
const PARTNER = '085';

/** What differs from run to run (times, signatures, the sandbox's port) is named, not compared. */
function stable(value: unknown): unknown {
	return JSON.parse(
		JSON.stringify(value)
			.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
			.replace(/127\.0\.0\.1:\d+/g, '<sandbox>'),
		(key, entry: unknown) => (key === 'signature' ? '<signature>' : entry),
	) as unknown;
}

/** The state each node finds in Smile ID, and the input item it gets. */
const SCENES: Record<string, { input: IDataObject; before?: () => void; unknown?: true }> = {
	Deactivate: { input: { userId: 'compat-deactivate' } },
	Reactivate: {
		input: { userId: 'compat-reactivate' },
		before: () => sandbox().addEnrollee(PARTNER, 'compat-reactivate', { active: false }),
	},
	'Flag as Fraudulent': { input: { userId: 'compat-flag' } },
	'Clear Fraud Flag': {
		input: { userId: 'compat-unflag' },
		before: () => sandbox().addEnrollee(PARTNER, 'compat-unflag', { fraudulent: true }),
	},
	'Allow Re-Enrollment': { input: { userId: 'compat-reenroll' } },
	Delete: { input: { userId: 'compat-delete' } },
	Get: {
		input: { userId: 'compat-get' },
		before: () =>
			sandbox().addJob(PARTNER, 'compat-get', {
				jobId: 'compat-job-1',
				jobType: 1,
				smileJobId: '0000004242',
				resultCode: '1210',
				resultText: 'Enroll User',
				completedAt: '2026-11-26T12:00:00.000Z',
				idCheck: { full_name: 'Test Person', id_number: 'A0000000' },
			}),
	},
	'Get Unknown User': { input: { userId: 'compat-nobody' }, unknown: true },
	'Get Wallet Balance': { input: {} },
	'Get Job Status': { input: { userId: 'compat-job-user', jobId: 'compat-job-7' } },
	// The model fills in userId through $fromAI; here it sends what a model would.
	'Deactivate a user in Smile ID': { input: {} },
};

function known(properties: INodeProperties[], name: string, value: unknown): boolean {
	const candidates = properties.filter((p) => p.name === name);
	if (candidates.length === 0) return false;
	return candidates.some((property) => {
		if (property.type === 'collection' && value && typeof value === 'object')
			return Object.entries(value).every(([option, chosen]) =>
				known(property.options as INodeProperties[], option, chosen),
			);
		if (property.type === 'options' && typeof value === 'string' && !value.startsWith('='))
			return (property.options as Array<{ value: unknown }>).some((o) => o.value === value);
		if (property.type === 'multiOptions' && Array.isArray(value))
			return value.every((v) =>
				(property.options as Array<{ value: unknown }>).some((o) => o.value === v),
			);
		return true;
	});
}

const descriptions: Record<string, INodeTypeDescription> = {
	'n8n-nodes-smile-id.smileId': new SmileId().description,
	'n8n-nodes-smile-id.smileIdTool': new SmileId().description,
	'n8n-nodes-smile-id.smileIdTrigger': new SmileIdTrigger().description,
};

afterAll(() => {
	if (recording) writeFileSync(OUTPUTS, `${JSON.stringify(recorded, null, '\t')}\n`);
});

it.each(workflow.nodes.map((node) => [node.name, node] as const))(
	'"%s" as saved: its type, parameters and option values are all still the node\'s',
	(_name, node) => {
		const description = descriptions[node.type];
		expect(description).toBeDefined();
		expect(node.typeVersion).toBe(description.version);
		const unknown = Object.entries(node.parameters).filter(
			([name, value]) => !known(description.properties, name, value),
		);
		expect(unknown).toEqual([]);
	},
);

const actionNodes = workflow.nodes.filter(
	(node) => node.type !== 'n8n-nodes-smile-id.smileIdTrigger',
);

it.each(actionNodes.map((node) => [node.name, node] as const))(
	'"%s" as saved gives the output 0.1 gave',
	async (name, node) => {
		const scene = SCENES[name];
		expect(scene).toBeDefined();
		const userId = String(scene.input.userId ?? 'compat-tool');
		if (!scene.unknown && !sandbox().enrollee(PARTNER, userId))
			sandbox().addEnrollee(PARTNER, userId);
		scene.before?.();
		if (name === 'Get Job Status') {
			sandbox().addJob(PARTNER, 'compat-job-user', {
				jobId: 'compat-job-7',
				smileJobId: '0000004343',
				resultCode: '0907',
				resultText: 'Possible Spoof',
				completedAt: '2026-11-26T12:00:00.000Z',
			});
		}
		const parameters: IDataObject = { ...node.parameters };
		if (node.type.endsWith('Tool')) parameters.userId = 'compat-tool';
		const run = await runSmileIdNode({
			credentials: sandboxCredentials(sandbox()),
			parameters,
			items: [scene.input],
			continueOnFail: true,
		});
		const output = stable({ items: run.items, error: run.error ?? null });
		if (recording) recorded[name] = output;
		else expect(output).toEqual(recorded[name]);
	},
);

const ACTIONS_01 = { Liveness_Check: 'Passed' };

it('"Smile ID Trigger" as saved starts the workflow as 0.1 did', async () => {
	const node = workflow.nodes.find((n) => n.type === 'n8n-nodes-smile-id.smileIdTrigger') as INode;
	const credentials = sandboxCredentials(sandbox());
	const trigger = new TriggerWorkflow(credentials, node.parameters as IDataObject);
	// Confirm With Smile ID, on by default since 0.1, asks job_status: the jobs are Smile ID's.
	for (const [smileJobId, resultCode] of [
		['0000005001', '1210'],
		['0000005002', '0814'],
	]) {
		sandbox().addJob(PARTNER, 'compat-callback', {
			jobId: `job-${smileJobId}`,
			jobType: 4,
			smileJobId,
			resultCode,
			resultText: `Result ${resultCode}`,
		});
	}
	let signedAt = Date.now() - 1000;
	// Each callback at its own millisecond: two signed in the same one share a signature.
	const signed = () => {
		const timestamp = new Date(signedAt++).toISOString();
		const key = String(credentials.apiKey);
		return { timestamp, signature: sdkSignature(String(credentials.partnerId), key, timestamp) };
	};
	const callback = (resultCode: string, smileJobId: string) => ({
		ResultCode: resultCode,
		ResultText: `Result ${resultCode}`,
		ResultType: 'SAIA',
		SmileJobID: smileJobId,
		PartnerParams: { user_id: 'compat-callback', job_id: `job-${smileJobId}`, job_type: 4 },
		Actions: ACTIONS_01,
		IsFinalResult: 'true',
		...signed(),
	});
	const answers = [
		await trigger.post(callback('1210', '0000005001')),
		await trigger.post(callback('0814', '0000005002')),
		await trigger.post(callback('1210', '0000005001')),
	];
	// Since 0.1 an item says whether Smile ID confirmed it, and its fields are then Smile ID's (the
	// sandbox's job lists one more action); everything else is as 0.1 gave.
	expect(answers[0].items).toEqual([
		expect.objectContaining({ confirmed: true, actions: expect.objectContaining(ACTIONS_01) }),
	]);
	const as01 = (items: IDataObject[]) =>
		items.map(({ confirmed: _confirmed, actions, ...rest }) => ({ ...rest, actions: ACTIONS_01 }));
	const output = stable(
		answers.map(({ status, started, items }) => ({ status, started, items: as01(items) })),
	);
	if (recording) recorded['Smile ID Trigger'] = output;
	else expect(output).toEqual(recorded['Smile ID Trigger']);
});
