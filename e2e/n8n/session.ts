/** The owner account of an n8n instance: set it up on a fresh instance, else log in; and REST calls as it. */
export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** Sends a request (JSON body) and answers the status and text: a REST client's or a browser context's. */
export type Send = (
	method: 'GET' | 'POST',
	urlPath: string,
	body?: unknown,
) => Promise<{ status: number; text: string }>;

/**
 * Sets the owner up on an instance that has none (n8n's public settings say so:
 * userManagement.showSetupOnFirstLoad), else logs in; the session cookie lands in whoever `send`
 * belongs to. Asking first keeps a later start's n8n log free of "Instance owner already setup".
 */
export async function signIn(send: Send, owner: Owner): Promise<void> {
	const settings = await send('GET', '/rest/settings');
	const fresh = (JSON.parse(settings.text) as { data?: any }).data?.userManagement
		?.showSetupOnFirstLoad;
	const answer = fresh
		? await send('POST', '/rest/owner/setup', owner)
		: await send('POST', '/rest/login', {
				emailOrLdapLoginId: owner.email,
				email: owner.email,
				password: owner.password,
			});
	if (answer.status !== 200)
		throw new Error(
			`${fresh ? 'owner setup' : 'login'} as ${owner.email} failed: ${answer.status} ${answer.text.slice(0, 300)}`,
		);
}

/** Cookie-carrying REST calls against a running n8n, for checks that don't use a browser. */
export class RestClient {
	private cookie = '';

	constructor(readonly baseUrl: string) {}

	async request(
		method: string,
		urlPath: string,
		body?: unknown,
	): Promise<{ status: number; json: any; text: string }> {
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers: {
				'content-type': 'application/json',
				...(this.cookie ? { cookie: this.cookie } : {}),
				'browser-id': 'smile-id-e2e',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		let json: any = text;
		try {
			json = JSON.parse(text);
		} catch {
			// not JSON
		}
		return { status: response.status, json, text };
	}

	signIn(owner: Owner): Promise<void> {
		return signIn((method, urlPath, body) => this.request(method, urlPath, body), owner);
	}
}
