import type { IDataObject } from 'n8n-workflow';

/** A JSON object (not null, not a list): what Smile ID's answers and their parts are read as. */
export function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value when it is a JSON object, else an empty one. */
export function asObject(value: unknown): IDataObject {
	return isObject(value) ? value : {};
}
