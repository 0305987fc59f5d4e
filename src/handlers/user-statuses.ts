// userStatuses: the userAppInstallStatus collection contained in a mobileApp.
import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { components } from "../../generated/types.ts";
import { GraphError } from "../graph/error-catalogue.ts";
import { contextUrl, keySegment } from "../graph/odata-context.ts";
import type { UserAppInstallStatusChanges, UserAppInstallStatusRecord } from "../store/store.ts";
import type { HandlerContext } from "./context.ts";
import type { OperationHandler } from "./operation-types.ts";

type Entity = components["schemas"]["microsoft.graph.userAppInstallStatusEntity"];
type Body = components["schemas"]["microsoft.graph.userAppInstallStatus"];

const ODATA_TYPE = "#microsoft.graph.userAppInstallStatus";

export function userStatusHandlers({ store, publicBaseUrl }: HandlerContext) {
  const collectionContext = (request: FastifyRequest, mobileAppId: string) =>
    contextUrl(request, publicBaseUrl, `deviceAppManagement/mobileApps${keySegment(mobileAppId)}/userStatuses`);

  const entity = (request: FastifyRequest, mobileAppId: string, record: UserAppInstallStatusRecord): Entity => ({
    "@odata.context": contextUrl(
      request,
      publicBaseUrl,
      `deviceAppManagement/mobileApps${keySegment(mobileAppId)}/userStatuses/$entity`,
    ),
    "@odata.type": ODATA_TYPE,
    ...record,
  });

  /** 404 naming whichever of the two keys does not exist. */
  async function notFound(mobileAppId: string, id: string): Promise<GraphError> {
    const app = await store.getMobileApp(mobileAppId);
    return GraphError.of("resourceNotFound", app ? id : mobileAppId);
  }

  /** The properties a body sets; annotations and the key are handled by the caller. */
  function changesOf(body: Body): UserAppInstallStatusChanges {
    const changes: UserAppInstallStatusChanges = {};
    if (body.userName !== undefined) changes.userName = body.userName;
    if (body.userPrincipalName !== undefined) changes.userPrincipalName = body.userPrincipalName;
    if (body.installedDeviceCount !== undefined) changes.installedDeviceCount = body.installedDeviceCount;
    if (body.failedDeviceCount !== undefined) changes.failedDeviceCount = body.failedDeviceCount;
    if (body.notInstalledDeviceCount !== undefined) changes.notInstalledDeviceCount = body.notInstalledDeviceCount;
    return changes;
  }

  const listUserStatuses: OperationHandler<"listUserStatuses"> = async (request) => {
    const { mobileAppId } = request.params;
    const statuses = await store.listUserStatuses(mobileAppId);
    if (!statuses) throw GraphError.of("resourceNotFound", mobileAppId);
    return {
      status: 200,
      body: {
        "@odata.context": collectionContext(request, mobileAppId),
        value: statuses.map((record) => ({ "@odata.type": ODATA_TYPE, ...record })),
      },
    };
  };

  const createUserStatus: OperationHandler<"createUserStatus"> = async (request) => {
    const { mobileAppId } = request.params;
    const record: UserAppInstallStatusRecord = {
      id: request.body.id ?? randomUUID(),
      userName: null,
      userPrincipalName: null,
      installedDeviceCount: 0,
      failedDeviceCount: 0,
      notInstalledDeviceCount: 0,
      ...changesOf(request.body),
    };
    const result = await store.createUserStatus(mobileAppId, record);
    if (result === "appNotFound") throw GraphError.of("resourceNotFound", mobileAppId);
    if (result === "duplicateId") throw GraphError.of("conflict", record.id).withTarget("id");
    return { status: 201, body: entity(request, mobileAppId, record) };
  };

  const getUserStatus: OperationHandler<"getUserStatus"> = async (request) => {
    const { mobileAppId, userAppInstallStatusId } = request.params;
    const record = await store.getUserStatus(mobileAppId, userAppInstallStatusId);
    if (!record) throw await notFound(mobileAppId, userAppInstallStatusId);
    return { status: 200, body: entity(request, mobileAppId, record) };
  };

  const updateUserStatus: OperationHandler<"updateUserStatus"> = async (request) => {
    const { mobileAppId, userAppInstallStatusId } = request.params;
    if (request.body.id !== undefined && request.body.id !== userAppInstallStatusId) {
      throw GraphError.of("keyChange", userAppInstallStatusId).withTarget("id");
    }
    const record = await store.updateUserStatus(mobileAppId, userAppInstallStatusId, changesOf(request.body));
    if (!record) throw await notFound(mobileAppId, userAppInstallStatusId);
    return { status: 200, body: entity(request, mobileAppId, record) };
  };

  const deleteUserStatus: OperationHandler<"deleteUserStatus"> = async (request) => {
    const { mobileAppId, userAppInstallStatusId } = request.params;
    if (!(await store.deleteUserStatus(mobileAppId, userAppInstallStatusId))) {
      throw await notFound(mobileAppId, userAppInstallStatusId);
    }
    return { status: 204 };
  };

  return { listUserStatuses, createUserStatus, getUserStatus, updateUserStatus, deleteUserStatus };
}
