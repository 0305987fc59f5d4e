/* tslint:disable */
/* eslint-disable */
export * from './DeviceStatusesApi.js';
export * from './MobileAppsApi.js';
export * from './ServiceApi.js';
export * from './UserStatusesApi.js';
