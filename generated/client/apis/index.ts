/* tslint:disable */
/* eslint-disable */
export * from './BatchApi.js';
export * from './DeviceStatusesApi.js';
export * from './IdentityApi.js';
export * from './MobileAppsApi.js';
export * from './ServiceApi.js';
export * from './UserStatusesApi.js';
