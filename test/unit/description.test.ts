import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { SmileId } from '../../nodes/SmileId/SmileId.node';
import { readOptions } from '../../nodes/SmileId/helpers/options';

const { description } = new SmileId();
const property = (name: string, resource = 'enrollee') =>
	description.properties.find(
		(p) => p.name === name && (p.displayOptions?.show?.resource ?? [resource]).includes(resource),
	) as INodeProperties;

/** The canvas subtitle as n8n evaluates it: an expression over the node's parameters. */
function subtitleFor(parameters: Record<string, unknown>): string {
	const expression = String(description.subtitle).replace(/^={{(.*)}}$/s, '$1');
	return new Function('$parameter', `return ${expression}`)(parameters) as string;
}

it('shows the operation as the editor names it in the canvas subtitle', () => {
	expect(subtitleFor({ resource: 'enrollee', operation: 'flagFraud' })).toBe('Flag as Fraudulent');
	expect(subtitleFor({ resource: 'enrollee', operation: 'deactivate' })).toBe('Deactivate');
	expect(subtitleFor({ resource: 'enrollee', operation: '__CUSTOM_API_CALL__' })).toBe('');
});

it('says on the canvas what a Get reads, and when a write only previews', () => {
	expect(subtitleFor({ resource: 'enrollee', operation: 'get' })).toBe('Get User');
	expect(subtitleFor({ resource: 'job', operation: 'getStatus' })).toBe('Get Job Status');
	const deleting = { resource: 'enrollee', operation: 'delete' };
	expect(subtitleFor({ ...deleting, options: { dryRun: true } })).toBe('Delete (Preview Only)');
	expect(subtitleFor({ ...deleting, options: { dryRun: false } })).toBe('Delete');
	expect(subtitleFor({ ...deleting, options: {} })).toBe('Delete');
	expect(subtitleFor({ resource: 'enrollee', operation: 'get', options: { dryRun: true } })).toBe(
		'Get User',
	);
});

describe('Preview Only (Dry Run)', () => {
	const dryRun = (property('options').options as INodeProperties[]).find(
		(o) => o.name === 'dryRun',
	);
	const node = (options: INodeParameters): INode => ({
		id: 'smile',
		name: 'Smile ID',
		type: 'n8n-nodes-smile-id.smileId',
		typeVersion: 1,
		position: [0, 0],
		parameters: { resource: 'enrollee', operation: 'delete', userId: 'u', options },
	});
	const optionsRead = (options: IDataObject) =>
		readOptions({ getNodeParameter: () => options } as unknown as IExecuteFunctions).dryRun;

	it('is on when added: n8n gives an added option its default', () => {
		expect(dryRun).toMatchObject({ type: 'boolean', default: true });
	});

	it('keeps a saved workflow as it was: n8n stores only added options, and a node without the option sends its changes', () => {
		for (const options of [{}, { dryRun: false }, { dryRun: true }]) {
			const saved = node(options);
			const loaded = NodeHelpers.getNodeParameters(
				description.properties,
				saved.parameters,
				true,
				false,
				saved,
				description,
			);
			expect(loaded?.options).toEqual(options);
		}
		expect(optionsRead({})).toBe(false);
		expect(optionsRead({ dryRun: false })).toBe(false);
		expect(optionsRead({ dryRun: true })).toBe(true);
	});

	it('a Delete that is not a preview carries a notice that it cannot be undone; no other write does', () => {
		const notices = description.properties.filter((p) => p.type === 'notice');
		const shown = (operation: string, options: INodeParameters) =>
			notices.filter((notice) =>
				NodeHelpers.displayParameter(
					{ ...node(options).parameters, operation },
					notice,
					node(options),
					description,
				),
			);
		expect(shown('delete', {}).map((notice) => notice.displayName)).toEqual([
			expect.stringMatching(/^This Delete cannot be undone/),
		]);
		expect(shown('delete', { dryRun: false })).toHaveLength(1);
		expect(shown('delete', { dryRun: true })).toEqual([]);
		expect(shown('deactivate', {})).toEqual([]);
	});
});

it("tells to leave n8n's Retry On Fail off where the retries are set", () => {
	const attempts = (property('options').options as INodeProperties[]).find(
		(o) => o.name === 'maxAttempts',
	);
	expect(attempts?.description).toMatch(/Leave the node's Settings > Retry On Fail off/);
});

it('ends Resource and Operation with its own Custom API Call, which points at the HTTP Request node', () => {
	for (const name of ['resource', 'operation']) {
		const last = (property(name).options as INodePropertyOptions[]).at(-1);
		expect(last).toMatchObject({ name: 'Custom API Call', value: '__CUSTOM_API_CALL__' });
		expect(last?.description).toMatch(/HTTP Request node with the Smile ID API credential/);
	}
	expect((property('operation').options as INodePropertyOptions[]).at(-1)?.action).toBe(
		'Call another Smile ID endpoint with the HTTP Request node',
	);
});

it('says the first retry delay is in milliseconds', () => {
	const delay = (property('options').options as INodeProperties[]).find(
		(o) => o.name === 'firstRetryDelay',
	);
	expect(delay).toMatchObject({ displayName: 'First Retry Delay (Milliseconds)', default: 1000 });
	expect(delay?.description).toMatch(/in milliseconds \(1000 = one second\)/);
});
