/** The owner account of an n8n instance: set it up on a fresh instance, else log in; and REST calls as it. */
export interface Owner {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** POSTs JSON and answers the status: a REST client's or a browser context's. */
export type Post = (urlPath: string, body: unknown) => Promise<{ status: number; text: string }>;

/** Sets the owner up on a fresh instance, else logs in; the session cookie lands in whoever `post` belongs to. */
export async function signIn(post: Post, owner: Owner): Promise<void> {
	const setup = await post('/rest/owner/setup', owner);
	if (setup.status === 200) return;
	const login = await post('/rest/login', {
		emailOrLdapLoginId: owner.email,
		email: owner.email,
		password: owner.password,
	});
	if (login.status !== 200)
		throw new Error(`login as ${owner.email} failed: ${login.status} ${login.text.slice(0, 300)}`);
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
		return signIn((urlPath, body) => this.request('POST', urlPath, body), owner);
	}
}
