// deviceStatuses: the mobileAppInstallStatus collection contained in a userAppInstallStatus.
import type { FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { newEntityId } from "../graph/entity-ids.ts";
import { GraphError } from "../graph/error-catalogue.ts";
import { mobileAppInstallStatusModel } from "../graph/odata/entity-model.ts";
import { parseCollectionQuery, parseSelect } from "../graph/odata/query-options.ts";
import { contextUrl, keySegment, locationOf } from "../graph/odata-context.ts";
import type { MobileAppInstallStatusChanges, MobileAppInstallStatusRecord, TenantStore } from "../store/store.ts";
import { listQueryOf, pageAnnotations, selected } from "./collection-answers.ts";
import type { HandlerContext } from "./context.ts";
import type { OperationHandler } from "./operation-types.ts";

type Entity = components["schemas"]["microsoft.graph.mobileAppInstallStatusEntity"];
type Body = components["schemas"]["microsoft.graph.mobileAppInstallStatus"];

const ODATA_TYPE = "#microsoft.graph.mobileAppInstallStatus";
const PROPERTIES = [...mobileAppInstallStatusModel.properties.keys()].filter((name) => name !== "id");

export const deviceStatusEntity = (record: MobileAppInstallStatusRecord): Entity => ({
  "@odata.type": ODATA_TYPE,
  ...record,
});

/** The properties a body sets; DateTimeOffsets are stored in one UTC form, so that they order. */
function changesOf(body: Body): MobileAppInstallStatusChanges {
  const changes: Record<string, unknown> = {};
  for (const name of PROPERTIES) {
    const value = (body as Record<string, unknown>)[name];
    if (value !== undefined) changes[name] = value;
  }
  if (body.lastSyncDateTime !== undefined) changes.lastSyncDateTime = new Date(body.lastSyncDateTime).toISOString();
  return changes as MobileAppInstallStatusChanges;
}

export function deviceStatusHandlers({ storeOf, publicBaseUrl }: HandlerContext) {
  const setFragment = (mobileAppId: string, userStatusId: string) =>
    `deviceAppManagement/mobileApps${keySegment(mobileAppId)}/userStatuses${keySegment(userStatusId)}/deviceStatuses`;
  const entityContext = (request: FastifyRequest, mobileAppId: string, userStatusId: string, select?: string[]) =>
    contextUrl(request, publicBaseUrl, `${setFragment(mobileAppId, userStatusId)}/$entity`, select);

  /** 404 naming the first of the three keys that does not exist. */
  async function notFound(
    store: TenantStore,
    mobileAppId: string,
    userStatusId: string,
    id?: string,
  ): Promise<GraphError> {
    if (!(await store.getMobileApp(mobileAppId))) return GraphError.of("resourceNotFound", mobileAppId);
    if (id === undefined || !(await store.getUserStatus(mobileAppId, userStatusId))) {
      return GraphError.of("resourceNotFound", userStatusId);
    }
    return GraphError.of("resourceNotFound", id);
  }

  const listDeviceStatuses: OperationHandler<"listDeviceStatuses"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    const query = parseCollectionQuery(request.query, mobileAppInstallStatusModel);
    const page = await store.listDeviceStatuses(mobileAppId, userAppInstallStatusId, listQueryOf(query));
    if (!page) throw await notFound(store, mobileAppId, userAppInstallStatusId);
    const count = query.count
      ? await store.countDeviceStatuses(mobileAppId, userAppInstallStatusId, query.filter)
      : undefined;
    return {
      status: 200,
      body: {
        "@odata.context": contextUrl(
          request,
          publicBaseUrl,
          setFragment(mobileAppId, userAppInstallStatusId),
          query.select,
        ),
        ...pageAnnotations(request, publicBaseUrl, request.query, page, count),
        value: page.items.map((record) => selected(deviceStatusEntity(record), query.select)),
      },
    };
  };

  const countDeviceStatuses: OperationHandler<"countDeviceStatuses"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
    const query = parseCollectionQuery(request.query, mobileAppInstallStatusModel);
    const count = await store.countDeviceStatuses(mobileAppId, userAppInstallStatusId, query.filter);
    if (count === undefined) throw await notFound(store, mobileAppId, userAppInstallStatusId);
    return { status: 200, body: String(count) };
  };

  const createDeviceStatus: OperationHandler<"createDeviceStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId } = request.params;
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
      ...changesOf(request.body),
    };
    const result = await store.createDeviceStatus(mobileAppId, userAppInstallStatusId, record);
    if (result === "parentNotFound") throw await notFound(store, mobileAppId, userAppInstallStatusId);
    if (result === "duplicateId") throw GraphError.of("conflict", record.id).withTarget("id");
    return {
      status: 201,
      headers: { location: locationOf(request, publicBaseUrl, record.id) },
      body: {
        "@odata.context": entityContext(request, mobileAppId, userAppInstallStatusId),
        ...deviceStatusEntity(record),
      },
    };
  };

  const getDeviceStatus: OperationHandler<"getDeviceStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId } = request.params;
    const select =
      request.query.$select === undefined ? undefined : parseSelect(request.query.$select, mobileAppInstallStatusModel);
    const record = await store.getDeviceStatus(mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId);
    if (!record) throw await notFound(store, mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId);
    return {
      status: 200,
      body: {
        "@odata.context": entityContext(request, mobileAppId, userAppInstallStatusId, select),
        ...selected(deviceStatusEntity(record), select),
      },
    };
  };

  const updateDeviceStatus: OperationHandler<"updateDeviceStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId } = request.params;
    if (request.body.id !== undefined && request.body.id !== mobileAppInstallStatusId) {
      throw GraphError.of("keyChange", mobileAppInstallStatusId).withTarget("id");
    }
    const record = await store.updateDeviceStatus(
      mobileAppId,
      userAppInstallStatusId,
      mobileAppInstallStatusId,
      changesOf(request.body),
    );
    if (!record) throw await notFound(store, mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId);
    return {
      status: 200,
      body: {
        "@odata.context": entityContext(request, mobileAppId, userAppInstallStatusId),
        ...deviceStatusEntity(record),
      },
    };
  };

  const deleteDeviceStatus: OperationHandler<"deleteDeviceStatus"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId } = request.params;
    if (!(await store.deleteDeviceStatus(mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId))) {
      throw await notFound(store, mobileAppId, userAppInstallStatusId, mobileAppInstallStatusId);
    }
    return { status: 204 };
  };

  return {
    listDeviceStatuses,
    countDeviceStatuses,
    createDeviceStatus,
    getDeviceStatus,
    updateDeviceStatus,
    deleteDeviceStatus,
  };
}
