import { defineApp, version as platformVersion } from 'zapier-platform-core';
import { authentication } from './authentication';
import { version } from './package.json';
import { addCredentials, translateVendorErrors } from './http/middleware';


export default defineApp({
  version,
  platformVersion,
  authentication,
  beforeRequest: [addCredentials],
  afterResponse: [translateVendorErrors],
  triggers: {},
  searches: {},
  creates: {},
});
