// n8n's own community-node lint set, exactly as `n8n-node lint` applies it, on shipped code only.
import { config } from '@n8n/node-cli/eslint';

export default [
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'test/**',
			'sandbox/**',
			'e2e/**',
			'bench/**',
			'scripts/**',
			'examples/**',
			'*.js',
			'*.mjs',
		],
	},
	...config,
];
