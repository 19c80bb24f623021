/** The example workflows open in the editor as imported (the AI agent one is shown, not run: no model is reachable). */
import type { Spec } from '../spec';

/** The examples/ workflows: id, how many nodes (sticky notes aside) and the Smile ID nodes' names. */
const EXAMPLES = [
	{
		id: 'smileIdExBulkRun',
		slug: 'bulk-scheduled-run',
		nodes: 6,
		smileIdNodes: ['Smile ID: deactivate'],
	},
	{
		id: 'smileIdExCrmHook',
		slug: 'crm-webhook',
		nodes: 7,
		smileIdNodes: ['Smile ID: flag fraud', 'Smile ID: clear fraud flag', 'Smile ID: deactivate'],
	},
	{
		id: 'smileIdExKycOnbd',
		slug: 'kyc-onboarding',
		nodes: 7,
		smileIdNodes: [
			'Smile ID: verify ID number',
			'Smile ID: screen for AML',
			'Smile ID: create a Smile Link',
		],
	},
	{
		id: 'smileIdExAiAgent',
		slug: 'ai-agent-tool',
		nodes: 6,
		smileIdNodes: [
			'Smile ID: flag as fraudulent',
			'Smile ID: clear fraud flag',
			'Smile ID: deactivate user',
		],
	},
	{
		id: 'smileIdExMcpServer',
		slug: 'mcp-server-smile-id',
		nodes: 5,
		smileIdNodes: [
			'Get Smile ID user',
			'Flag Smile ID user as fraudulent',
			'Clear Smile ID fraud flag',
			'Deactivate Smile ID user',
		],
	},
];

export const editorExamples: Spec = {
	name: 'the editor: the example workflows',
	phase: 'editor',
	async run(checks, { page, shot }) {
		if (!page || !shot) throw new Error('an editor spec needs a page');
		for (const example of EXAMPLES) {
			await page.goto(`/workflow/${example.id}`);
			const nodes = page.getByTestId('canvas-node');
			await nodes.first().waitFor();
			await page.waitForTimeout(500);
			const count = await nodes.count();
			const text = await page
				.getByTestId('canvas-wrapper')
				.innerText()
				.catch(() => '');
			await checks.ok(
				`editor: the ${example.slug} example opens with its ${example.nodes} nodes, the Smile ID ones among them`,
				count >= example.nodes && example.smileIdNodes.every((name) => text.includes(name)),
				{ count, missing: example.smileIdNodes.filter((name) => !text.includes(name)) },
			);
			await shot(`example-${example.slug}`);
		}
	},
};
