// deviceStatuses: the mobileAppInstallStatus collections. Two distinct sets (see the spec's info): the app's own
// (`/mobileApps/{id}/deviceStatuses`) and each user status's (`/userStatuses/{id}/deviceStatuses`). Both answer
// the same options, errors and shapes, so one set of handlers serves both, given where the collection lives.
import type { FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { newEntityId } from "../graph/entity-ids.ts";
import { GraphError } from "../graph/errors/error-catalogue.ts";
import { contextUrl, keySegment, locationOf } from "../graph/odata/odata-context.ts";
import {
  parseCollectionQuery,
  parseExpand,
  parseSelect,
  type QueryOptionValues,
} from "../graph/odata/query-options.ts";
import { mobileAppInstallStatusModel, mobileAppModel } from "../model/entity-model.ts";
import type { FilterNode } from "../model/filter-tree.ts";
import type { ListQuery, Page } from "../model/list-query.ts";
import type {
  CreateDeviceStatusResult,
  MobileAppInstallStatusChanges,
  MobileAppInstallStatusRecord,
  MobileAppRecord,
  TenantStore,
} from "../store/store.ts";
import { listQueryOf, pageAnnotations, selected } from "./collection-answers.ts";
import type { HandlerContext } from "./context.ts";
import { changesOf } from "./entity-changes.ts";
import { mobileAppEntity } from "./mobile-apps.ts";
import type { Answer, OperationHandler, OperationId } from "./operation-types.ts";

type Entity = components["schemas"]["microsoft.graph.mobileAppInstallStatusEntity"];
type Body = components["schemas"]["microsoft.graph.mobileAppInstallStatusUpdate"];

const ODATA_TYPE = "#microsoft.graph.mobileAppInstallStatus";
export const DEVICE_STATUS_NAVIGATIONS = ["app"] as const;

export const deviceStatusEntity = (record: MobileAppInstallStatusRecord): Entity => ({
  "@odata.type": ODATA_TYPE,
  ...record,
});

const changesOfBody = (body: Body) => changesOf(mobileAppInstallStatusModel, body) as MobileAppInstallStatusChanges;

/** The path keys of either collection: the app's, and the user status's for the user-level one. */
interface ParentKeys {
  mobileAppId: string;
  userAppInstallStatusId?: string;
}

/** Where a deviceStatuses collection lives: its OData path and the store calls on it. */
interface Collection {
  fragment(keys: ParentKeys): string;
  /** 404 naming the first key that does not exist, the item's last. */
  notFound(store: TenantStore, keys: ParentKeys, id?: string): Promise<GraphError>;
  list(store: TenantStore, keys: ParentKeys, query: ListQuery): Promise<Page<MobileAppInstallStatusRecord> | undefined>;
  count(store: TenantStore, keys: ParentKeys, filter: FilterNode | undefined): Promise<number | undefined>;
  create(store: TenantStore, keys: ParentKeys, record: MobileAppInstallStatusRecord): Promise<CreateDeviceStatusResult>;
  get(store: TenantStore, keys: ParentKeys, id: string): Promise<MobileAppInstallStatusRecord | undefined>;
  update(
    store: TenantStore,
    keys: ParentKeys,
    id: string,
    changes: MobileAppInstallStatusChanges,
  ): Promise<MobileAppInstallStatusRecord | undefined>;
  remove(store: TenantStore, keys: ParentKeys, id: string): Promise<boolean>;
}

type Request = FastifyRequest<{
  Params: ParentKeys & { mobileAppInstallStatusId?: string };
  Querystring: QueryOptionValues;
  Body: Body;
}>;

export function deviceStatusHandlers({ storeOf, publicBaseUrl }: HandlerContext) {
  const appFragment = (mobileAppId: string) => `deviceAppManagement/mobileApps${keySegment(mobileAppId)}`;
  const userStatusId = (keys: ParentKeys) => keys.userAppInstallStatusId as string;

  const ofUserStatus: Collection = {
    fragment: (keys) => `${appFragment(keys.mobileAppId)}/userStatuses${keySegment(userStatusId(keys))}/deviceStatuses`,
    async notFound(store, keys, id) {
      if (!(await store.getMobileApp(keys.mobileAppId))) return GraphError.of("resourceNotFound", keys.mobileAppId);
      if (id === undefined || !(await store.getUserStatus(keys.mobileAppId, userStatusId(keys)))) {
        return GraphError.of("resourceNotFound", userStatusId(keys));
      }
      return GraphError.of("resourceNotFound", id);
    },
    list: (store, keys, query) => store.listDeviceStatuses(keys.mobileAppId, userStatusId(keys), query),
    count: (store, keys, filter) => store.countDeviceStatuses(keys.mobileAppId, userStatusId(keys), filter),
    create: (store, keys, record) => store.createDeviceStatus(keys.mobileAppId, userStatusId(keys), record),
    get: (store, keys, id) => store.getDeviceStatus(keys.mobileAppId, userStatusId(keys), id),
    update: (store, keys, id, changes) => store.updateDeviceStatus(keys.mobileAppId, userStatusId(keys), id, changes),
    remove: (store, keys, id) => store.deleteDeviceStatus(keys.mobileAppId, userStatusId(keys), id),
  };

  const ofApp: Collection = {
    fragment: (keys) => `${appFragment(keys.mobileAppId)}/deviceStatuses`,
    async notFound(store, keys, id) {
      const app = await store.getMobileApp(keys.mobileAppId);
      return GraphError.of("resourceNotFound", app && id !== undefined ? id : keys.mobileAppId);
    },
    list: (store, keys, query) => store.listAppDeviceStatuses(keys.mobileAppId, query),
    count: (store, keys, filter) => store.countAppDeviceStatuses(keys.mobileAppId, filter),
    create: (store, keys, record) => store.createAppDeviceStatus(keys.mobileAppId, record),
    get: (store, keys, id) => store.getAppDeviceStatus(keys.mobileAppId, id),
    update: (store, keys, id, changes) => store.updateAppDeviceStatus(keys.mobileAppId, id, changes),
    remove: (store, keys, id) => store.deleteAppDeviceStatus(keys.mobileAppId, id),
  };

  const entityContext = (request: Request, collection: Collection, select?: string[]) =>
    contextUrl(request, publicBaseUrl, `${collection.fragment(request.params)}/$entity`, select);

  /** Entities with what $expand asks for: `app`, the one mobileApp every status of the collection belongs to. */
  async function expanded(
    store: TenantStore,
    mobileAppId: string,
    records: MobileAppInstallStatusRecord[],
    expand: ReadonlySet<string>,
  ): Promise<Entity[]> {
    const app: MobileAppRecord | undefined = expand.has("app") ? await store.getMobileApp(mobileAppId) : undefined;
    return records.map((record) => ({
      ...deviceStatusEntity(record),
      ...(app ? { app: mobileAppEntity(app) } : {}),
    }));
  }

  const optionalSelect = (request: Request) =>
    request.query.$select === undefined
      ? undefined
      : parseSelect(request.query.$select, mobileAppInstallStatusModel, DEVICE_STATUS_NAVIGATIONS);
  const optionalExpand = (request: Request) =>
    request.query.$expand === undefined
      ? new Set<string>()
      : parseExpand(request.query.$expand, mobileAppInstallStatusModel, DEVICE_STATUS_NAVIGATIONS);

  const handlersFor = (collection: Collection) => ({
    async list(request: Request) {
      const store = storeOf(request);
      const query = parseCollectionQuery(request.query, mobileAppInstallStatusModel, DEVICE_STATUS_NAVIGATIONS);
      const page = await collection.list(store, request.params, listQueryOf(query));
      if (!page) throw await collection.notFound(store, request.params);
      const count = query.count ? await collection.count(store, request.params, query.filter) : undefined;
      const entities = await expanded(store, request.params.mobileAppId, page.items, query.expand);
      return {
        status: 200 as const,
        body: {
          "@odata.context": contextUrl(request, publicBaseUrl, collection.fragment(request.params), query.select),
          ...pageAnnotations(request, publicBaseUrl, request.query, page, count),
          value: entities.map((entity) => selected(entity, query.select, query.expand)),
        },
      };
    },

    async count(request: Request) {
      const store = storeOf(request);
      const query = parseCollectionQuery(request.query, mobileAppInstallStatusModel);
      const count = await collection.count(store, request.params, query.filter);
      if (count === undefined) throw await collection.notFound(store, request.params);
      return { status: 200 as const, body: String(count) };
    },

    async create(request: Request) {
      const store = storeOf(request);
      const record: MobileAppInstallStatusRecord = {
        id: request.body.id ?? newEntityId(),
        deviceName: null,
        deviceId: null,
        lastSyncDateTime: "0001-01-01T00:00:00.000Z",
        mobileAppInstallStatusValue: "unknown",
        installState: "unknown",
        installStateDetail: "noAdditionalDetails",
        errorCode: 0,
        osVersion: null,
        osDescription: null,
        userName: null,
        userPrincipalName: null,
        displayVersion: null,
        ...changesOfBody(request.body),
      };
      const result = await collection.create(store, request.params, record);
      if (result === "parentNotFound") throw await collection.notFound(store, request.params);
      if (result === "duplicateId") throw GraphError.of("conflict", record.id).withTarget("id");
      return {
        status: 201 as const,
        headers: { location: locationOf(request, publicBaseUrl, record.id) },
        body: { "@odata.context": entityContext(request, collection), ...deviceStatusEntity(record) },
      };
    },

    async get(request: Request) {
      const store = storeOf(request);
      const id = request.params.mobileAppInstallStatusId as string;
      const select = optionalSelect(request);
      const expand = optionalExpand(request);
      const record = await collection.get(store, request.params, id);
      if (!record) throw await collection.notFound(store, request.params, id);
      const [entity] = (await expanded(store, request.params.mobileAppId, [record], expand)) as [Entity];
      return {
        status: 200 as const,
        body: { "@odata.context": entityContext(request, collection, select), ...selected(entity, select, expand) },
      };
    },

    /** The `app` navigation: the mobileApp the status belongs to. */
    async getApp(request: Request) {
      const store = storeOf(request);
      const id = request.params.mobileAppInstallStatusId as string;
      const record = await collection.get(store, request.params, id);
      const app = record && (await store.getMobileApp(request.params.mobileAppId));
      if (!app) throw await collection.notFound(store, request.params, id);
      const select =
        request.query.$select === undefined ? undefined : parseSelect(request.query.$select, mobileAppModel);
      return {
        status: 200 as const,
        body: {
          "@odata.context": contextUrl(request, publicBaseUrl, "deviceAppManagement/mobileApps/$entity", select),
          ...selected(mobileAppEntity(app), select),
        },
      };
    },

    async update(request: Request) {
      const store = storeOf(request);
      const id = request.params.mobileAppInstallStatusId as string;
      if (request.body.id !== undefined && request.body.id !== id) {
        throw GraphError.of("keyChange", id).withTarget("id");
      }
      const record = await collection.update(store, request.params, id, changesOfBody(request.body));
      if (!record) throw await collection.notFound(store, request.params, id);
      return {
        status: 200 as const,
        body: { "@odata.context": entityContext(request, collection), ...deviceStatusEntity(record) },
      };
    },

    async remove(request: Request) {
      const store = storeOf(request);
      const id = request.params.mobileAppInstallStatusId as string;
      if (!(await collection.remove(store, request.params, id)))
        throw await collection.notFound(store, request.params, id);
      return { status: 204 as const };
    },
  });

  const user = handlersFor(ofUserStatus);
  const app = handlersFor(ofApp);
  // One implementation per verb; each operation's own request and answer types are checked at the boundary.
  const as = <K extends OperationId>(handler: (request: Request) => Promise<Answer<K>>) =>
    handler as unknown as OperationHandler<K>;

  return {
    listDeviceStatuses: as<"listDeviceStatuses">(user.list),
    countDeviceStatuses: as<"countDeviceStatuses">(user.count),
    createDeviceStatus: as<"createDeviceStatus">(user.create),
    getDeviceStatus: as<"getDeviceStatus">(user.get),
    getDeviceStatusApp: as<"getDeviceStatusApp">(user.getApp),
    updateDeviceStatus: as<"updateDeviceStatus">(user.update),
    deleteDeviceStatus: as<"deleteDeviceStatus">(user.remove),
    listAppDeviceStatuses: as<"listAppDeviceStatuses">(app.list),
    countAppDeviceStatuses: as<"countAppDeviceStatuses">(app.count),
    createAppDeviceStatus: as<"createAppDeviceStatus">(app.create),
    getAppDeviceStatus: as<"getAppDeviceStatus">(app.get),
    getAppDeviceStatusApp: as<"getAppDeviceStatusApp">(app.getApp),
    updateAppDeviceStatus: as<"updateAppDeviceStatus">(app.update),
    deleteAppDeviceStatus: as<"deleteAppDeviceStatus">(app.remove),
  };
}
