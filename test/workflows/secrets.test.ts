import type { Drill } from '../../sandbox';
import { FAST_RETRIES, sandboxCredentials, sdkSignature, useSandbox } from '../support/fixtures';
import { answer, startHostileServer } from '../support/hostile-server';
import { runSmileIdNode } from '../support/n8n-engine';
import { loggedText } from '../support/n8n-log';

const sandbox = useSandbox();

const SCENARIOS: Array<{ title: string; drill?: Drill; userId: string; apiKey?: string }> = [
	{ title: 'a success', userId: 'user-active-001' },
	{ title: 'a Smile ID refusal', userId: 'nobody-here' },
	{
		title: 'refused credentials',
		userId: 'user-active-001',
		apiKey: 'a-wrong-key-that-is-still-secret',
	},
	{
		title: 'a reset connection on every attempt',
		drill: { kind: 'reset' },
		userId: 'user-active-001',
	},
	{ title: 'a timeout on every attempt', drill: { kind: 'hang' }, userId: 'user-active-001' },
	{ title: 'an HTML error page', drill: { kind: 'html', status: 502 }, userId: 'user-active-001' },
	{ title: 'a rate limit', drill: { kind: 'status', status: 429 }, userId: 'user-active-001' },
];

describe.each([false, true])('with On Error: Continue %s', (continueOnFail) => {
	it.each(SCENARIOS)(
		'$title shows neither the API key nor a signature in outputs, errors or logs',
		async ({ drill, userId, apiKey }) => {
			if (drill) sandbox().addDrill(drill);
			const credentials = sandboxCredentials(sandbox(), apiKey ? { apiKey } : {});

			const run = await runSmileIdNode({
				credentials,
				parameters: {
					operation: 'deactivate',
					userId,
					options: { ...FAST_RETRIES, maxAttempts: 2, timeout: 1 },
				},
				continueOnFail,
			});

			const shown = [
				JSON.stringify(run.items),
				JSON.stringify(run.error ?? null),
				JSON.stringify(run.run),
				await loggedText(),
			].join('\n');
			expect(shown).toContain(userId);
			expect(shown).toContain('Running node "Smile ID" started');
			expect(sandbox().requests().length).toBeGreaterThan(0);
			expect(shown).not.toContain(String(credentials.apiKey));
			for (const request of sandbox().requests()) {
				const { timestamp, partner_id } = request.body as { timestamp: string; partner_id: string };
				expect(shown).not.toContain(
					sdkSignature(partner_id, String(credentials.apiKey), timestamp),
				);
			}
		},
	);
});

/** A server that puts the whole signed request it received into its answer. */
const ECHOES: Array<{
	title: string;
	answer: (request: string) => { status: number; body: unknown };
}> = [
	{
		title: 'an error body echoing the request',
		answer: (request) => ({
			status: 400,
			body: { error: `Invalid request: ${request}`, code: '2213' },
		}),
	},
	{
		title: 'a 200 echoing the request',
		answer: (request) => ({
			status: 200,
			body: { success: true, request: JSON.parse(request) as unknown },
		}),
	},
	{
		title: 'an HTML page echoing its signature URL-encoded',
		answer: (request) => ({
			status: 502,
			body: `<html><body>Bad signature ${encodeURIComponent((JSON.parse(request) as { signature: string }).signature)}</body></html>`,
		}),
	},
];

describe.each([false, true])(
	'with On Error: Continue %s, a server that echoes the request',
	(continueOnFail) => {
		it.each(ECHOES)(
			'$title hands on neither the API key nor the signature',
			async ({ answer: echo }) => {
				const echoing = await startHostileServer((request, response) => {
					const { status, body } = echo(request.body);
					answer(response, status, body);
				});
				const credentials = sandboxCredentials(sandbox(), { baseUrl: echoing.url });
				try {
					const run = await runSmileIdNode({
						credentials,
						parameters: {
							operation: 'deactivate',
							userId: 'user-echo-1',
							options: { ...FAST_RETRIES, maxAttempts: 2 },
						},
						continueOnFail,
					});

					const shown = [
						JSON.stringify(run.items),
						JSON.stringify(run.error ?? null),
						JSON.stringify(run.run),
						await loggedText(),
					].join('\n');
					expect(shown).toContain('user-echo-1');
					expect(echoing.received.length).toBeGreaterThan(0);
					expect(shown).not.toContain(String(credentials.apiKey));
					for (const request of echoing.received) {
						const { signature } = JSON.parse(request.body) as { signature: string };
						expect(signature).toHaveLength(44);
						for (const form of [
							signature,
							encodeURIComponent(signature),
							signature.replace(/\//g, '\\/'),
						]) {
							expect(shown).not.toContain(form);
						}
					}
				} finally {
					await echoing.close();
				}
			},
		);
	},
);
