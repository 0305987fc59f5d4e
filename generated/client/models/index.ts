/* tslint:disable */
/* eslint-disable */
export * from './HealthStatus.js';
export * from './MicrosoftGraphAndroidMinimumOperatingSystem.js';
export * from './MicrosoftGraphAndroidStoreApp.js';
export * from './MicrosoftGraphIosDeviceType.js';
export * from './MicrosoftGraphIosMinimumOperatingSystem.js';
export * from './MicrosoftGraphIosStoreApp.js';
export * from './MicrosoftGraphMimeContent.js';
export * from './MicrosoftGraphMobileApp.js';
export * from './MicrosoftGraphMobileAppCollectionResponse.js';
export * from './MicrosoftGraphMobileAppInstallStatus.js';
export * from './MicrosoftGraphMobileAppInstallStatusCollectionResponse.js';
export * from './MicrosoftGraphMobileAppInstallStatusEntity.js';
export * from './MicrosoftGraphMobileAppInstallStatusUpdate.js';
export * from './MicrosoftGraphMobileAppPublishingState.js';
export * from './MicrosoftGraphODataErrorsErrorDetails.js';
export * from './MicrosoftGraphODataErrorsInnerError.js';
export * from './MicrosoftGraphODataErrorsMainError.js';
export * from './MicrosoftGraphODataErrorsODataError.js';
export * from './MicrosoftGraphResultantAppState.js';
export * from './MicrosoftGraphResultantAppStateDetail.js';
export * from './MicrosoftGraphUserAppInstallStatus.js';
export * from './MicrosoftGraphUserAppInstallStatusCollectionResponse.js';
export * from './MicrosoftGraphUserAppInstallStatusEntity.js';
export * from './MicrosoftGraphUserAppInstallStatusUpdate.js';
export * from './MicrosoftGraphWebApp.js';
