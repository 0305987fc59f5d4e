// userStatuses: the userAppInstallStatus collection contained in a mobileApp, and its `app` navigation.
import type { FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { newEntityId } from "../graph/entity-ids.ts";
import { GraphError } from "../graph/errors/error-catalogue.ts";
import { contextUrl, keySegment, locationOf } from "../graph/odata/odata-context.ts";
import { parseCollectionQuery, parseExpand, parseSelect } from "../graph/odata/query-options.ts";
import { mobileAppModel, userAppInstallStatusModel } from "../model/entity-model.ts";
import type { TenantStore, UserAppInstallStatusChanges, UserAppInstallStatusRecord } from "../store/store.ts";
import { listQueryOf, pageAnnotations, selected } from "./collection-answers.ts";
import type { HandlerContext } from "./context.ts";
import { deviceStatusEntity } from "./device-statuses.ts";
import { changesOf } from "./entity-changes.ts";
import { mobileAppEntity } from "./mobile-apps.ts";
import type { OperationHandler } from "./operation-types.ts";

type Entity = components["schemas"]["microsoft.graph.userAppInstallStatusEntity"];
type Body = components["schemas"]["microsoft.graph.userAppInstallStatus"];

const ODATA_TYPE = "#microsoft.graph.userAppInstallStatus";
export const USER_STATUS_NAVIGATIONS = ["app", "deviceStatuses"] as const;

const changesOfBody = (body: Body) => changesOf(userAppInstallStatusModel, body) as UserAppInstallStatusChanges;

export function userStatusHandlers({ storeOf, publicBaseUrl }: HandlerContext) {
  const setFragment = (mobileAppId: string) => `deviceAppManagement/mobileApps${keySegment(mobileAppId)}/userStatuses`;

  /** 404 naming whichever of the two keys does not exist. */
  async function notFound(store: TenantStore, mobileAppId: string, id: string): Promise<GraphError> {
    const app = await store.getMobileApp(mobileAppId);
    return GraphError.of("resourceNotFound", app ? id : mobileAppId);
  }

  /** Entities with what $expand asks for: the parent app, the device statuses (one query for the page). */
  async function expanded(
    store: TenantStore,
    mobileAppId: string,
    records: UserAppInstallStatusRecord[],
    expand: ReadonlySet<string>,
  ): Promise<Entity[]> {
    const app = expand.has("app") ? await store.getMobileApp(mobileAppId) : undefined;
    const devices = expand.has("deviceStatuses")
      ? await store.deviceStatusesOf(
          mobileAppId,
          records.map((record) => record.id),
        )
      : undefined;
    return records.map((record) => ({
      "@odata.type": ODATA_TYPE,
      ...record,
      ...(app ? { app: mobileAppEntity(app) } : {}),
      ...(devices ? { deviceStatuses: (devices.get(record.id) ?? []).map(deviceStatusEntity) } : {}),
    }));
  }

  const entityContext = (request: FastifyRequest, mobileAppId: string, select?: string[]) =>
    contextUrl(request, publicBaseUrl, `${setFragment(mobileAppId)}/$entity`, select);

  const listUserStatuses: OperationHandler<"listUserStatuses"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId } = request.params;
    const query = parseCollectionQuery(request.query, userAppInstallStatusModel, USER_STATUS_NAVIGATIONS);
    const page = await store.listUserStatuses(mobileAppId, listQueryOf(query));
    if (!page) throw GraphError.of("resourceNotFound", mobileAppId);
    const count = query.count ? await store.countUserStatuses(mobileAppId, query.filter) : undefined;
    const entities = await expanded(store, mobileAppId, page.items, query.expand);
    return {
      status: 200,
      body: {
        "@odata.context": contextUrl(request, publicBaseUrl, setFragment(mobileAppId), query.select),
        ...pageAnnotations(request, publicBaseUrl, request.query, page, count),
        value: entities.map((entity) => selected(entity, query.select, query.expand)),
      },
    };
  };

  const countUserStatuses: OperationHandler<"countUserStatuses"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId } = request.params;
    const query = parseCollectionQuery(request.query, userAppInstallStatusModel);
    const count = await store.countUserStatuses(mobileAppId, query.filter);
    if (count === undefined) throw GraphError.of("resourceNotFound", mobileAppId);
    return { status: 200, body: String(count) };
  };

  const createUserStatus: OperationHandler<"createUserStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId } = request.params;
    const record: UserAppInstallStatusRecord = {
      id: request.body.id ?? newEntityId(),
      userName: null,
      userPrincipalName: null,
      installedDeviceCount: 0,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 0,
      ...changesOfBody(request.body),
    };
    const result = await store.createUserStatus(mobileAppId, record);
    if (result === "appNotFound") throw GraphError.of("resourceNotFound", mobileAppId);
    if (result === "duplicateId") throw GraphError.of("conflict", record.id).withTarget("id");
    return {
      status: 201,
      headers: { location: locationOf(request, publicBaseUrl, record.id) },
      body: { "@odata.context": entityContext(request, mobileAppId), "@odata.type": ODATA_TYPE, ...record },
    };
  };

  const getUserStatus: OperationHandler<"getUserStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    const select =
      request.query.$select === undefined
        ? undefined
        : parseSelect(request.query.$select, userAppInstallStatusModel, USER_STATUS_NAVIGATIONS);
    const expand =
      request.query.$expand === undefined
        ? new Set<string>()
        : parseExpand(request.query.$expand, userAppInstallStatusModel, USER_STATUS_NAVIGATIONS);
    const record = await store.getUserStatus(mobileAppId, userAppInstallStatusId);
    if (!record) throw await notFound(store, mobileAppId, userAppInstallStatusId);
    const [entity] = (await expanded(store, mobileAppId, [record], expand)) as [Entity];
    return {
      status: 200,
      body: { "@odata.context": entityContext(request, mobileAppId, select), ...selected(entity, select, expand) },
    };
  };

  const getUserStatusApp: OperationHandler<"getUserStatusApp"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    const record = await store.getUserStatus(mobileAppId, userAppInstallStatusId);
    const app = record && (await store.getMobileApp(mobileAppId));
    if (!app) throw await notFound(store, mobileAppId, userAppInstallStatusId);
    const select = request.query.$select === undefined ? undefined : parseSelect(request.query.$select, mobileAppModel);
    return {
      status: 200,
      body: {
        "@odata.context": contextUrl(request, publicBaseUrl, "deviceAppManagement/mobileApps/$entity", select),
        ...selected(mobileAppEntity(app), select),
      },
    };
  };

  const updateUserStatus: OperationHandler<"updateUserStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    if (request.body.id !== undefined && request.body.id !== userAppInstallStatusId) {
      throw GraphError.of("keyChange", userAppInstallStatusId).withTarget("id");
    }
    const record = await store.updateUserStatus(mobileAppId, userAppInstallStatusId, changesOfBody(request.body));
    if (!record) throw await notFound(store, mobileAppId, userAppInstallStatusId);
    return {
      status: 200,
      body: { "@odata.context": entityContext(request, mobileAppId), "@odata.type": ODATA_TYPE, ...record },
    };
  };

  const deleteUserStatus: OperationHandler<"deleteUserStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    if (!(await store.deleteUserStatus(mobileAppId, userAppInstallStatusId))) {
      throw await notFound(store, mobileAppId, userAppInstallStatusId);
    }
    return { status: 204 };
  };

  return {
    listUserStatuses,
    countUserStatuses,
    createUserStatus,
    getUserStatus,
    getUserStatusApp,
    updateUserStatus,
    deleteUserStatus,
  };
}
