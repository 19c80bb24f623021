/**
 * A jest setup file (jest.config.js `setupFilesAfterEnv`): n8n-core reads its settings when it is
 * imported, so they are set here, before any test file imports it. Each test file gets its own user
 * folder (removed after the file), and n8n's own logger its most talkative level (the engine harness
 * keeps its lines for the secrets checks).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const userFolder = mkdtempSync(join(tmpdir(), 'smile-id-n8n-'));
process.env.N8N_USER_FOLDER = userFolder;
process.env.N8N_LOG_LEVEL = 'debug';
afterAll(() => rmSync(userFolder, { recursive: true, force: true }));
