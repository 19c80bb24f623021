import { account } from './account';
import { enrollee } from './enrollee';
import { job } from './job';
import { link } from './link';
import type { SmileIdOperation, SmileIdResource } from './node.type';
import { verification } from './verification';

/** Every resource of the node and its operations: the one map the description and the router read. */
export const RESOURCES = { enrollee, account, job, link, verification } satisfies Record<
	string,
	SmileIdResource<string>
>;

type ResourceName = keyof typeof RESOURCES;

const isKeyOf = <T extends object>(map: T, key: unknown): key is keyof T =>
	typeof key === 'string' && Object.prototype.hasOwnProperty.call(map, key);

export function operationOf(resource: unknown, operation: unknown): SmileIdOperation | undefined {
	if (!isKeyOf(RESOURCES, resource)) return undefined;
	const operations: Record<string, SmileIdOperation> =
		RESOURCES[resource as ResourceName].operations;
	return isKeyOf(operations, operation) ? operations[operation] : undefined;
}

/** What the user may choose instead: the resource's operations, or the resources when it is unknown too. */
export function choicesFor(resource: unknown): string[] {
	const choices: Array<{ name: string }> = isKeyOf(RESOURCES, resource)
		? Object.values(RESOURCES[resource].operations)
		: Object.values(RESOURCES);
	return choices.map(({ name }) => name);
}
