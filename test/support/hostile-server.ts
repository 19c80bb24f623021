import type { IncomingMessage, ServerResponse } from 'http';
import { createServer } from 'http';
import type { AddressInfo } from 'net';

export interface ReceivedRequest {
	method: string;
	url: string;
	body: string;
}

export interface HostileServer {
	url: string;
	host: string;
	/** Every request this server received, with its body. */
	received: ReceivedRequest[];
	close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 that answers as a broken or hostile stand-in for Smile ID would:
 * the handler gets each request with its whole body and answers however it likes.
 */
export async function startHostileServer(
	handler: (request: ReceivedRequest, response: ServerResponse, raw: IncomingMessage) => void,
): Promise<HostileServer> {
	const received: ReceivedRequest[] = [];
	const server = createServer((raw, response) => {
		const chunks: Buffer[] = [];
		raw.on('data', (chunk: Buffer) => chunks.push(chunk));
		raw.on('end', () => {
			const request = {
				method: raw.method ?? '',
				url: raw.url ?? '',
				body: Buffer.concat(chunks).toString('utf8'),
			};
			received.push(request);
			handler(request, response, raw);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		host: `127.0.0.1:${port}`,
		received,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Answers with a JSON body (or the text given) and a status. */
export function answer(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {
		'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
		...headers,
	});
	response.end(text);
}
