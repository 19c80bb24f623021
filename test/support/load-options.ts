/**
 * Fills one of the Smile ID node's dropdowns as the editor does: n8n-core's own LoadOptionsContext
 * (the real credential signing, the credential store of credentials-helper.ts) calls the node's
 * `methods.loadOptions` method for the field at `path`, with the node's current parameters.
 */
import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	INode,
	INodeParameters,
	INodePropertyOptions,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { SmileId } from '../../nodes/SmileId/SmileId.node';
import { TestCredentialsHelper } from './credentials-helper';
import { SMILE_ID_NODE_TYPE } from './n8n-engine';

export async function loadOptions(options: {
	credentials: ICredentialDataDecryptedObject;
	method: 'countries' | 'idTypes';
	parameters: INodeParameters;
	/** The field's path, e.g. 'parameters.idTypes.offered[0].idType'. */
	path: string;
}): Promise<INodePropertyOptions[]> {
	const nodeType = new SmileId();
	const node: INode = {
		id: 'smile',
		name: 'Smile ID',
		type: SMILE_ID_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: { smileIdApi: { id: '1', name: 'Smile ID account' } },
	};
	const workflow = new Workflow({
		id: 'wf',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: (_, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials),
		currentNodeParameters: options.parameters,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, options.path);
	return await nodeType.methods.loadOptions[options.method].call(context);
}
