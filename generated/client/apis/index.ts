/* tslint:disable */
/* eslint-disable */
export * from './MobileAppsApi.js';
export * from './ServiceApi.js';
export * from './UserStatusesApi.js';
