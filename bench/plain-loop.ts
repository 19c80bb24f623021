/**
 * The floor without n8n: Node's own http client with keep-alive, each request signed just before it
 * is sent (by Smile ID's own SDK), a fixed number in flight. It runs in a child process (under the same Node as n8n), so that
 * it does not share a core with the sandbox, just as n8n does not.
 */
import { fork } from 'node:child_process';
import * as http from 'node:http';

import { Signature } from 'smile-identity-core';

import { REPO_ROOT } from '../e2e/n8n/install';

export interface PlainLoopJob {
	enrolleeUrl: string;
	partnerId: string;
	apiKey: string;
	email: string;
	userIds: string[];
	inFlight: number;
}

function post(agent: http.Agent, url: string, body: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
			},
			(response) => {
				response.resume();
				response.on('end', resolve);
				response.on('error', reject);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

async function plainLoop(job: PlainLoopJob): Promise<void> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: job.inFlight });
	const signer = new Signature(job.partnerId, job.apiKey);
	let next = 0;
	const worker = async () => {
		while (next < job.userIds.length) {
			const userId = job.userIds[next++];
			const timestamp = new Date().toISOString();
			const { signature } = signer.generate_signature(timestamp);
			const body = {
				partner_id: job.partnerId,
				timestamp,
				signature,
				environment: 'test',
				email: job.email,
				user_id: userId,
				active: false,
			};
			await post(agent, job.enrolleeUrl, JSON.stringify(body));
		}
	};
	await Promise.all(Array.from({ length: job.inFlight }, worker));
	agent.destroy();
}

/** Runs the loop in a child process under `node` and resolves when every request has been answered. */
export function runPlainLoop(node: string, job: PlainLoopJob): Promise<void> {
	const child = fork(__filename, [], {
		cwd: REPO_ROOT,
		execPath: node,
		execArgv: ['-r', 'ts-node/register/transpile-only'],
	});
	child.send(job);
	return new Promise((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`the plain loop exited with code ${code}`)),
		);
	});
}

if (require.main === module) {
	process.once('message', (job: PlainLoopJob) => {
		plainLoop(job).then(
			() => process.exit(0),
			(error) => {
				process.stderr.write(`${(error as Error).stack ?? error}\n`);
				process.exit(1);
			},
		);
	});
}
