/**
 * Worker-thread entry that prepares a project import (services/import/prepare-here.ts). It sits in
 * ipc because the browser mode hands it a projects.import request body unparsed, and only ipc may
 * check a payload against the contract: a bad envelope is refused here with dispatch's own error,
 * without the request thread ever parsing it. Loaded as TypeScript from source and as
 * `import-worker.js` after bundling (electron.vite.config.ts and build/bundle-cli.mjs emit it next
 * to the services' chunk).
 */
import { prepareImportHere } from '../services/import/prepare-here';
import { BODY_NOT_JSON, checkRequest } from './check-request';
import { ContractError } from './contract/errors';

prepareImportHere((body) => {
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new ContractError(BODY_NOT_JSON);
  }
  const checked = checkRequest('projects.import', payload);
  if (!checked.ok) throw new ContractError(checked.error);
  return checked.data;
});
