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

const lowerEscapes = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
const hmacOf = (signature: string) => Buffer.from(signature, 'base64');

/** Each way a server may re-encode the signature or the API key before echoing it back. */
const ENCODINGS: Array<{
	title: string;
	encode: (signature: string, apiKey: string) => string;
	/** Its characters can make up a host name, as a redirect's Location may hold it. */
	inHost?: true;
}> = [
	{
		title: 'the signature with lower-case percent-encoding',
		encode: (signature) => lowerEscapes(encodeURIComponent(signature)),
	},
	{
		title: 'the signature URL-encoded twice',
		encode: (signature) => encodeURIComponent(encodeURIComponent(signature)),
	},
	{
		title: 'the signature URL-encoded twice, lower case',
		encode: (signature) => lowerEscapes(encodeURIComponent(encodeURIComponent(signature))),
	},
	{
		title: 'the signature in base64url without padding',
		encode: (signature) => hmacOf(signature).toString('base64url'),
		inHost: true,
	},
	{
		title: 'the signature in base64url with padding',
		encode: (signature) => `${hmacOf(signature).toString('base64url')}=`,
		inHost: true,
	},
	{
		title: 'the signature in base64 without padding',
		encode: (signature) => signature.replace(/=+$/, ''),
	},
	{
		title: 'the HMAC bytes in hex',
		encode: (signature) => hmacOf(signature).toString('hex'),
		inHost: true,
	},
	{
		title: 'the HMAC bytes in upper-case hex',
		encode: (signature) => hmacOf(signature).toString('hex').toUpperCase(),
		inHost: true,
	},
	{
		title: 'the API key with lower-case percent-encoding',
		encode: (_signature, apiKey) => lowerEscapes(encodeURIComponent(apiKey)),
	},
	{
		title: 'the API key URL-encoded twice',
		encode: (_signature, apiKey) => encodeURIComponent(encodeURIComponent(apiKey)),
	},
	{
		title: 'the API key in base64url',
		encode: (_signature, apiKey) => Buffer.from(apiKey).toString('base64url'),
		inHost: true,
	},
	{
		title: 'the API key in base64',
		encode: (_signature, apiKey) => Buffer.from(apiKey).toString('base64'),
	},
	{
		title: 'the API key in hex',
		encode: (_signature, apiKey) => Buffer.from(apiKey).toString('hex'),
		inHost: true,
	},
];

/** Where a hostile server puts what it echoes: an error body and a header, an HTML page, a redirect. */
const PLACES: Array<{
	title: string;
	encodings: typeof ENCODINGS;
	answer: (echoed: string) => { status: number; body: unknown; headers: Record<string, string> };
}> = [
	{
		title: 'an error body and a header',
		encodings: ENCODINGS,
		answer: (echoed) => ({
			status: 400,
			body: { error: `Invalid signature ${echoed}`, code: '2213', message: echoed },
			headers: { 'x-echo': echoed },
		}),
	},
	{
		title: 'an HTML error page',
		encodings: ENCODINGS,
		answer: (echoed) => ({
			status: 502,
			body: `<html><body>Bad signature: ${echoed}</body></html>`,
			headers: {},
		}),
	},
	{
		title: "a redirect's Location, as its host",
		encodings: ENCODINGS.filter((encoding) => encoding.inHost),
		answer: (echoed) => ({
			status: 302,
			body: {},
			headers: { location: `https://${echoed}.example.com/` },
		}),
	},
];

describe.each(PLACES)(
	'a server that re-encodes the secrets into $title',
	({ answer: place, encodings }) => {
		it.each(encodings)('$title reaches no output, error or log', async ({ encode }) => {
			const apiKey = 'k3y+with/slashes=and spaces?';
			const echoed: string[] = [];
			const echoing = await startHostileServer((request, response) => {
				const { signature } = JSON.parse(request.body) as { signature: string };
				echoed.push(encode(signature, apiKey));
				const { status, body, headers } = place(echoed.at(-1) ?? '');
				answer(response, status, body, headers);
			});
			try {
				const run = await runSmileIdNode({
					credentials: sandboxCredentials(sandbox(), { baseUrl: echoing.url, apiKey }),
					parameters: {
						operation: 'deactivate',
						userId: 'user-echo-2',
						options: { ...FAST_RETRIES, maxAttempts: 1 },
					},
					continueOnFail: true,
				});

				const shown = [JSON.stringify(run.items), JSON.stringify(run.run), await loggedText()].join(
					'\n',
				);
				expect(shown).toContain('user-echo-2');
				expect(echoed).toHaveLength(1);
				expect(shown.toLowerCase()).not.toContain(echoed[0].toLowerCase());
			} finally {
				await echoing.close();
			}
		});
	},
);
