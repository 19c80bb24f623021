/**
 * The credential's Test button, as n8n's own credential tester runs it (n8n's
 * `services/credentials-tester.service.ts`): the credential's test request is the routing of a
 * stand-in node, run by n8n-core's RoutingNode through n8n's HTTP helper with the credential's own
 * authenticate(); the answer is then judged by the credential's rules.
 */
import { ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeType,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { SmileIdApi } from '../../credentials/SmileIdApi.credentials';
import { additionalDataFor } from './n8n-engine';
import { captureProcessOutput } from './n8n-log';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

const TESTER_NODE_TYPE = 'test.credentialTester';

export async function pressTestButton(
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const { test } = new SmileIdApi();
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: TESTER_NODE_TYPE,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Temp-Node' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'smileIdApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	} as unknown as INodeType;
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TESTER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { smileIdApi: { id: '1', name: 'Smile ID account' } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const runExecutionData: IRunExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(data),
		'internal',
		runExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const credentialsDecrypted = { id: '1', name: 'Smile ID account', type: 'smileIdApi', data };
	const restoreOutput = captureProcessOutput();
	let response;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		// As n8n's tester: an HTTP status error, a network code, or the error's message.
		const failure = error as { message: string; cause?: { code?: string; response?: unknown } };
		if (failure.cause?.code && !failure.cause.response)
			return { status: 'Error', message: failure.cause.code };
		return { status: 'Error', message: String(failure.message) };
	} finally {
		restoreOutput();
	}
	const body = response?.[0]?.[0]?.json ?? {};
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && body[rule.properties.key] === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}
