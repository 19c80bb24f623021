import { startSandbox } from '../../../sandbox';
import {
	ENROLLEE_PATH,
	OTHER_PARTNER,
	PARTNER,
	WALLET_PATH,
	enrolleeBody,
	post,
	signed,
} from '../../support/sandbox-requests';
import { sdkSignature, useSandbox } from '../../support/fixtures';

describe('sandbox signature check', () => {
	const sandbox = useSandbox();

	it("Smile ID's SDK, which the sandbox checks with, computes the reference test vectors", () => {
		expect(sdkSignature('partner', 'apiKey', '2023-02-13T15:07:42.214Z')).toBe(
			'XxThLHZy2ij1WINkqNEPgzVs9RvUDHWlebDYzprqS74=',
		);
		expect(sdkSignature('partner', 'apikey', '2023-03-09T21:35:00.279Z')).toBe(
			'+S/hVtmFwynoroXQQbjOQ3/l+a5zshNldrQh/iBdxRQ=',
		);
		expect(sdkSignature('partner', 'apiKey', '2022-11-10T19:05:42.775Z')).toBe(
			'tMPhsPdh3k3PejTNGG970gQSA41oO9/I3oERRlSSBUc=',
		);
		expect(sdkSignature('085', 'test-api-key', '2025-05-23T11:40:07.809Z')).toBe(
			'YVUGcN5URltPq/1/gPCn5krrB0wOQHpj5xvp3FA53+E=',
		);
		expect(sdkSignature('85', 'test-api-key', '2025-05-23T11:40:07.809Z')).toBe(
			'4/nO35RM3jdQU/Fl2maJgGdSDuEwYRUV2HPrsP8Xn3c=',
		);
	});

	it('serves on loopback with partner 085 first', () => {
		expect(sandbox().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sandbox().partners[0].partnerId).toBe('085');
	});

	it('accepts an enrollee request signed by the official SDK', async () => {
		const r = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { active: false }),
		);
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({
			success: true,
			user_id: 'user-active-001',
			action: 'active:false',
		});
		expect(sandbox().enrollee('085', 'user-active-001')?.active).toBe(false);
	});

	it('accepts a wallet balance request signed by the official SDK, without email or user_id', async () => {
		const r = await post(sandbox().url, WALLET_PATH, signed());
		expect(r.status).toBe(200);
		expect(r.json).toMatchObject({ wallet_balance: 500 });
		expect(typeof (r.json as { current_as_of: string }).current_as_of).toBe('string');
	});

	it('accepts the second partner with its own key', async () => {
		const r = await post(
			sandbox().url,
			ENROLLEE_PATH,
			enrolleeBody('user-active-001', { is_fraudulent: true }, OTHER_PARTNER),
		);
		expect(r.status).toBe(200);
		expect(sandbox().enrollee('2100', 'user-active-001')?.fraudulent).toBe(true);
		expect(sandbox().enrollee('085', 'user-active-001')?.fraudulent).toBe(false);
	});

	const refusals: [string, () => Record<string, unknown>, RegExp][] = [
		[
			'a tampered signature',
			() => {
				const b = enrolleeBody('user-active-001', { active: false });
				const sig = b.signature as string;
				b.signature = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
				return b;
			},
			/signature does not match/,
		],
		[
			'a signature that is not base64',
			() => ({ ...enrolleeBody('user-active-001', { active: false }), signature: 'not base64!' }),
			/signature/,
		],
		[
			'a truncated signature',
			() => {
				const b = enrolleeBody('user-active-001', { active: false });
				return { ...b, signature: (b.signature as string).slice(0, 40) };
			},
			/signature/,
		],
		[
			'an unknown partner ID',
			() => ({ ...enrolleeBody('user-active-001', { active: false }), partner_id: '999' }),
			/unknown partner_id/,
		],
		[
			'partner 85 instead of 085 (signed as 85 with the right key)',
			() => {
				const ts = new Date().toISOString();
				return {
					...enrolleeBody('user-active-001', { active: false }),
					partner_id: '85',
					timestamp: ts,
					signature: sdkSignature('85', PARTNER.keys.test, ts),
				};
			},
			/unknown partner_id/,
		],
		[
			"another partner's partner_id with this partner's signature",
			() => ({
				...enrolleeBody('user-active-001', { active: false }),
				partner_id: OTHER_PARTNER.partnerId,
			}),
			/signature does not match/,
		],
		[
			'the production key against the test host',
			() => {
				const b = enrolleeBody('user-active-001', { active: false }, PARTNER, 'production');
				return { ...b, environment: 'test' };
			},
			/signature does not match the test key/,
		],
		[
			'environment production sent to the test host',
			() => enrolleeBody('user-active-001', { active: false }, PARTNER, 'production'),
			/environment production sent to the test host/,
		],
		[
			'an unknown environment',
			() => ({ ...enrolleeBody('user-active-001', { active: false }), environment: 'sandbox' }),
			/unknown environment/,
		],
		[
			'a stale timestamp (6 minutes old)',
			() => ({
				email: 'a@b.c',
				user_id: 'user-active-001',
				active: false,
				...signed(PARTNER, 'test', new Date(Date.now() - 6 * 60_000).toISOString()),
			}),
			/freshness/,
		],
		[
			'a future timestamp (6 minutes ahead)',
			() => ({
				email: 'a@b.c',
				user_id: 'user-active-001',
				active: false,
				...signed(PARTNER, 'test', new Date(Date.now() + 6 * 60_000).toISOString()),
			}),
			/freshness/,
		],
		[
			'a timestamp without milliseconds',
			() => {
				const ts = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
				return {
					...enrolleeBody('user-active-001', { active: false }),
					timestamp: ts,
					signature: sdkSignature('085', PARTNER.keys.test, ts),
				};
			},
			/ISO 8601/,
		],
		[
			'a timestamp with an offset instead of Z',
			() => {
				const ts = new Date().toISOString().replace('Z', '+00:00');
				return {
					...enrolleeBody('user-active-001', { active: false }),
					timestamp: ts,
					signature: sdkSignature('085', PARTNER.keys.test, ts),
				};
			},
			/ISO 8601/,
		],
		[
			'a body timestamp other than the signed one',
			() => {
				const b = enrolleeBody('user-active-001', { active: false });
				const ts = new Date(Date.parse(b.timestamp as string) - 1000).toISOString();
				return { ...b, timestamp: ts };
			},
			/signature does not match/,
		],
	];

	it.each(refusals)(
		'refuses %s with 2205 and leaves the store alone',
		async (_name, make, reason) => {
			const r = await post(sandbox().url, ENROLLEE_PATH, make());
			expect(r.status).toBe(400);
			expect(r.json).toEqual({ error: 'You are not authorized to do that', code: '2205' });
			expect(sandbox().requests()[0].reason).toMatch(reason);
			expect(sandbox().enrollee('085', 'user-active-001')).toMatchObject({
				active: true,
				history: [],
			});
		},
	);

	it('refuses a tampered wallet balance request with 2205', async () => {
		const r = await post(sandbox().url, WALLET_PATH, {
			...signed(),
			signature: sdkSignature('085', 'wrong', new Date().toISOString()),
		});
		expect(r.status).toBe(400);
		expect(r.json).toEqual({ error: 'You are not authorized to do that', code: '2205' });
	});

	it('a production sandbox accepts production keys and refuses test ones', async () => {
		const prod = await startSandbox({ serves: 'production' });
		try {
			const good = await post(prod.url, WALLET_PATH, signed(PARTNER, 'production'));
			expect(good.status).toBe(200);
			const bad = await post(prod.url, WALLET_PATH, signed(PARTNER, 'test'));
			expect(bad.status).toBe(400);
			expect(bad.json).toMatchObject({ code: '2205' });
			const wrongKey = await post(prod.url, WALLET_PATH, {
				...signed(PARTNER, 'test'),
				environment: 'production',
			});
			expect(wrongKey.json).toMatchObject({ code: '2205' });
		} finally {
			await prod.close();
		}
	});

	it('honours a configured freshness window and partner list', async () => {
		let clock = Date.parse('2025-05-23T11:40:07.809Z');
		const custom = await startSandbox({
			freshnessMs: 1000,
			now: () => clock,
			partners: [{ partnerId: '085', keys: { test: 'test-api-key', production: 'p' } }],
		});
		try {
			const body = {
				partner_id: '085',
				environment: 'test',
				timestamp: '2025-05-23T11:40:07.809Z',
				signature: 'YVUGcN5URltPq/1/gPCn5krrB0wOQHpj5xvp3FA53+E=',
			};
			expect((await post(custom.url, WALLET_PATH, body)).status).toBe(200);
			clock += 999;
			expect((await post(custom.url, WALLET_PATH, body)).status).toBe(200);
			clock += 2;
			const stale = await post(custom.url, WALLET_PATH, body);
			expect(stale.status).toBe(400);
			expect(stale.json).toMatchObject({ code: '2205' });
		} finally {
			await custom.close();
		}
	});
});
