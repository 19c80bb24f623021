import type { IHttpRequestOptions } from 'n8n-workflow';

import { SmileIdApi } from '../../credentials/SmileIdApi.credentials';
import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';
import { computeSignature } from '../../nodes/SmileId/common/signature';

const credentials = {
	partnerId: '085',
	apiKey: 'secret-key-for-tests',
	email: 'ops@example.com',
	environment: 'sandbox',
	baseUrl: '',
};

async function authenticate(
	data: Record<string, unknown>,
	request: Partial<IHttpRequestOptions> = {},
) {
	const authenticateFn = new SmileIdApi().authenticate;
	if (typeof authenticateFn !== 'function') throw new Error('authenticate must be a function');
	return await authenticateFn(
		data as never,
		{ url: '/api/v2/partner/enrollee', method: 'POST', ...request } as IHttpRequestOptions,
	);
}

describe('the Smile ID API credential', () => {
	it('is named as other tools expect, with the five fields and a password-protected key', () => {
		const credential = new SmileIdApi();
		expect(credential.name).toBe('smileIdApi');
		expect(credential.displayName).toBe('Smile ID API');
		expect(credential.properties.map((p) => p.name)).toEqual([
			'partnerId',
			'apiKey',
			'email',
			'environment',
			'baseUrl',
		]);
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(
			true,
		);
		expect(credential.properties.find((p) => p.name === 'environment')?.default).toBe('sandbox');
		expect(credential.properties.find((p) => p.name === 'partnerId')?.description).toMatch(
			/leading zeros/,
		);
	});

	it('adds the signed fields to the body it is given, keeping what was there', async () => {
		const before = Date.now();
		const request = await authenticate(credentials, { body: { user_id: 'u-1', active: false } });
		const body = request.body as Record<string, unknown>;
		expect(body).toEqual({
			user_id: 'u-1',
			active: false,
			partner_id: '085',
			email: 'ops@example.com',
			environment: 'test',
			timestamp: expect.any(String),
			signature: computeSignature('secret-key-for-tests', '085', body.timestamp as string),
		});
		const signedAt = Date.parse(body.timestamp as string);
		expect(signedAt).toBeGreaterThanOrEqual(before - 1);
		expect(signedAt).toBeLessThanOrEqual(Date.now() + 1);
		expect(request.baseURL).toBe('https://portal.smileidentity.com');
	});

	it.each([
		['http://127.0.0.1:5690/v1/job_status', []],
		['https://proxy.example.com/smile/api/v2/partner/enrollee/info', ['environment']],
		['/api/v2/partner/wallet_balance', ['environment']],
		['https://prod.smileidentity.com/api/v2/partner/enrollee', ['email', 'environment']],
		['/api/v2/partner/something_new', ['email', 'environment']],
	])(
		"adds to a request to %s only the credential's fields its body documents",
		async (url, expected) => {
			const body = (await authenticate(credentials, { url })).body as Record<string, unknown>;
			expect(['email', 'environment'].filter((field) => field in body)).toEqual(expected);
		},
	);

	it('copes with a request that has no body yet, or a JSON string body', async () => {
		expect((await authenticate(credentials)).body).toMatchObject({
			partner_id: '085',
			environment: 'test',
		});
		expect((await authenticate(credentials, { body: '{"user_id":"u-2"}' })).body).toMatchObject({
			user_id: 'u-2',
			partner_id: '085',
		});
	});

	it('signs afresh on every call, so a retry never reuses a timestamp', async () => {
		const first = (await authenticate(credentials)).body as Record<string, string>;
		await new Promise((resolve) => setTimeout(resolve, 3));
		const second = (await authenticate(credentials)).body as Record<string, string>;
		expect(second.timestamp).not.toBe(first.timestamp);
		expect(second.signature).not.toBe(first.signature);
	});

	it('uses the production host and "production" for Production, and a Base URL when one is set', async () => {
		const production = await authenticate({ ...credentials, environment: 'production' });
		expect(production.baseURL).toBe('https://prod.smileidentity.com');
		expect(production.body).toMatchObject({ environment: 'production' });
		const proxied = await authenticate({ ...credentials, baseUrl: 'http://127.0.0.1:9999/' });
		expect(proxied.baseURL).toBe('http://127.0.0.1:9999');
	});

	it('keeps the partner ID exactly as typed, leading zeros included', async () => {
		expect((await authenticate({ ...credentials, partnerId: '0085' })).body).toMatchObject({
			partner_id: '0085',
		});
	});

	it('refuses to sign with a missing field, naming it', async () => {
		await expect(authenticate({ ...credentials, apiKey: '' })).rejects.toThrow(
			'the API Key is empty',
		);
		await expect(
			authenticate({ ...credentials, baseUrl: 'portal.smileidentity.com' }),
		).rejects.toThrow(/Base URL must start with http/);
	});

	it.each([
		'http://127.0.0.1:5690',
		'http://127.8.9.10',
		'http://localhost:5690/',
		'http://[::1]:5690',
		'https://smile-proxy.example.com',
	])('signs for the Base URL %s (https, or http only to this machine)', async (baseUrl) => {
		expect((await authenticate({ ...credentials, baseUrl })).body).toMatchObject({
			partner_id: '085',
		});
	});

	it.each([
		['http://portal.smileidentity.com', 'http://portal.smileidentity.com'],
		['http://10.0.0.5:8080/', 'http://10.0.0.5:8080'],
		['http://0.0.0.0:5690', 'http://0.0.0.0:5690'],
		['http://127.0.0.1.nip.io', 'http://127.0.0.1.nip.io'],
		['http://localhost.example.com', 'http://localhost.example.com'],
		['HTTP://[::2]', 'http://[::2]'],
	])('refuses to sign for the Base URL %s: https is needed', async (baseUrl, origin) => {
		await expect(authenticate({ ...credentials, baseUrl })).rejects.toThrow(
			`the Base URL must start with https:// (http:// only for this machine: localhost, 127.0.0.1 or [::1]), not ${origin}`,
		);
	});

	describe('its Test button request', () => {
		let sandbox: Sandbox;
		beforeAll(async () => {
			sandbox = await startSandbox();
		});
		afterAll(async () => {
			await sandbox.close();
		});

		/** Sends the Test request and judges the answer by the credential's rules, as n8n's credential tester does. */
		async function pressTest(
			data: Record<string, unknown>,
		): Promise<{ ok: boolean; message?: string }> {
			const { test } = new SmileIdApi();
			const request = await authenticate(
				{ ...data, baseUrl: sandbox.url },
				test.request as IHttpRequestOptions,
			);
			const response = await fetch(`${request.baseURL}${request.url}`, {
				method: request.method,
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify(request.body),
			});
			const body = (await response.json()) as Record<string, unknown>;
			const failed = test.rules?.find(
				(rule) =>
					rule.type === 'responseSuccessBody' &&
					body[rule.properties.key as string] === rule.properties.value,
			);
			return failed ? { ok: false, message: String(failed.properties.message) } : { ok: true };
		}

		it('passes only when partner ID, key and environment belong together, reading the wallet balance', async () => {
			const partner = sandbox.partners[0];
			expect(await pressTest({ ...credentials, apiKey: partner.keys.test })).toEqual({ ok: true });
			expect(sandbox.requests().at(-1)).toMatchObject({
				path: '/api/v2/partner/wallet_balance',
				status: 200,
			});

			const refused = {
				ok: false,
				message: expect.stringMatching(
					/^Smile ID refused these credentials \(code 2205\)\. Check the Partner ID/,
				),
			};
			expect(await pressTest({ ...credentials, apiKey: partner.keys.production })).toEqual(refused);
			expect(
				await pressTest({ ...credentials, partnerId: '85', apiKey: partner.keys.test }),
			).toEqual(refused);
			expect(
				await pressTest({
					...credentials,
					environment: 'production',
					apiKey: partner.keys.production,
				}),
			).toEqual(refused);
		});

		it('fails on an answer without a balance, such as another error shape', async () => {
			sandbox.addDrill({ kind: 'errorStyle', shape: 'status', times: 1 });
			const verdict = await pressTest({ ...credentials, apiKey: 'wrong' });
			expect(verdict).toEqual({
				ok: false,
				message: expect.stringMatching(/did not confirm these credentials/),
			});
		});

		it('reads a numeric code too', async () => {
			sandbox.addDrill({ kind: 'errorStyle', shape: 'error', numericCode: true, times: 1 });
			const verdict = await pressTest({ ...credentials, apiKey: 'wrong' });
			expect(verdict.message).toMatch(/code 2205/);
		});
	});
});
