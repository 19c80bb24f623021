import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { SmileId } from '../../nodes/SmileId/SmileId.node';

const { description } = new SmileId();
const property = (name: string, resource = 'enrollee') =>
	description.properties.find(
		(p) => p.name === name && (p.displayOptions?.show?.resource ?? [resource]).includes(resource),
	) as INodeProperties;

/** The canvas subtitle as n8n evaluates it: an expression over the node's parameters. */
function subtitleFor(parameters: Record<string, string>): string {
	const expression = String(description.subtitle).replace(/^={{(.*)}}$/s, '$1');
	return new Function('$parameter', `return ${expression}`)(parameters) as string;
}

it('shows the operation as the editor names it in the canvas subtitle', () => {
	expect(subtitleFor({ resource: 'enrollee', operation: 'flagFraud' })).toBe('Flag as Fraudulent');
	expect(subtitleFor({ resource: 'enrollee', operation: 'deactivate' })).toBe('Deactivate');
	expect(subtitleFor({ resource: 'enrollee', operation: '__CUSTOM_API_CALL__' })).toBe('');
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
