import type { INodeProperties } from 'n8n-workflow';

import { requestOptions } from '../helpers/options';
import { IN_TOOL, toolDescriptionProperty } from '../helpers/tool';
import { customApiCallOption } from './customApiCall';
import { RESOURCES } from './resources';

const resources = Object.entries(RESOURCES).sort(([, a], [, b]) => a.name.localeCompare(b.name));

/** Operation, its fields and the resource's fields, each shown only for its resource (and operation). */
function resourceProperties([
	resource,
	{ operations, defaultOperation, properties },
]: (typeof resources)[number]): INodeProperties[] {
	const showFor = (show: object = {}) => ({ show: { resource: [resource], ...show } });
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: showFor(),
			options: [
				...Object.entries(operations).map(([value, { name, action, description }]) => ({
					name,
					value,
					action,
					description,
				})),
				customApiCallOption,
			],
			default: defaultOperation,
		},
		...properties.map((property) => ({
			...property,
			displayOptions: showFor(property.displayOptions?.show),
		})),
		...Object.entries(operations).flatMap(([operation, smileIdOperation]) => [
			{
				...toolDescriptionProperty(smileIdOperation),
				displayOptions: showFor({ ...IN_TOOL, operation: [operation] }),
			},
			...smileIdOperation.properties.map((field) => ({
				...field,
				displayOptions: {
					...field.displayOptions,
					...showFor({ ...field.displayOptions?.show, operation: [operation] }),
				},
			})),
		]),
	];
}

const subtitles = resources.flatMap(([resource, { operations }]) =>
	Object.entries(operations).map(([operation, { name, subtitle, options = [] }]) => ({
		key: `${resource}:${operation}`,
		subtitle: subtitle ?? name,
		previews: options.includes('dryRun'),
	})),
);
const SUBTITLES = Object.fromEntries(subtitles.map(({ key, subtitle }) => [key, subtitle]));
const PREVIEW_SUBTITLES = Object.fromEntries(
	subtitles
		.filter(({ previews }) => previews)
		.map(({ key, subtitle }) => [key, `${subtitle} (Preview Only)`]),
);
/**
 * The canvas subtitle: the chosen operation, e.g. "Flag as Fraudulent", and "Delete (Preview Only)"
 * while a write only previews.
 */
export const operationSubtitle = `={{ (($parameter["options"] || {})["dryRun"] === true && ${JSON.stringify(PREVIEW_SUBTITLES)}[$parameter["resource"] + ":" + $parameter["operation"]]) || ${JSON.stringify(SUBTITLES)}[$parameter["resource"] + ":" + $parameter["operation"]] || "" }}`;

/** Options that only some operations list (their `options`) are shown for those operations only. */
function optionsProperty(): INodeProperties {
	const shownFor = new Map<string, { resource: Set<string>; operation: Set<string> }>();
	for (const [resource, { operations }] of resources) {
		for (const [operation, { options = [] }] of Object.entries(operations)) {
			for (const option of options) {
				const show = shownFor.get(option) ?? { resource: new Set(), operation: new Set() };
				show.resource.add(resource);
				show.operation.add(operation);
				shownFor.set(option, show);
			}
		}
	}
	const fields = requestOptions.options as INodeProperties[];
	return {
		...requestOptions,
		options: fields.map((field) => {
			const show = shownFor.get(field.name);
			if (!show) return field;
			const displayOptions = {
				show: { '/resource': [...show.resource], '/operation': [...show.operation] },
			};
			return { ...field, displayOptions };
		}),
	};
}

/** Resource, then each resource's Operation and fields, then Options: the node's parameters, from the map. */
export const nodeProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [...resources.map(([value, { name }]) => ({ name, value })), customApiCallOption],
		default: 'enrollee',
	},
	...resources.flatMap(resourceProperties),
	optionsProperty(),
];
