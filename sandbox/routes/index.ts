/**
 * The sandbox's route table. To add routes, write a module that exports a list made with
 * smileRoute / adminRoute (see route.ts) and add it here; GET / then lists them too.
 */
import { json } from '../answer';
import { adminRoutes } from './admin';
import { enrolleeRoutes } from './enrollee';
import { enrolleeInfoRoutes } from './enrolleeInfo';
import { jobRoutes } from './jobs';
import { linkRoutes } from './links';
import type { Route } from './route';
import { adminRoute } from './route';
import { serviceRoutes } from './services';
import { verificationRoutes } from './verifications';
import { walletRoutes } from './wallet';

const featureRoutes: Route[] = [
	...enrolleeRoutes,
	...enrolleeInfoRoutes,
	...walletRoutes,
	...jobRoutes,
	...verificationRoutes,
	...serviceRoutes,
	...linkRoutes,
	...adminRoutes,
];

const indexRoute = adminRoute('GET', '/', 'this index of the routes', () =>
	json({
		name: 'Smile ID sandbox',
		routes: ROUTES.map(({ method, path, summary }) => ({ method, path, summary })),
	}),
);

export const ROUTES: Route[] = [indexRoute, ...featureRoutes];
