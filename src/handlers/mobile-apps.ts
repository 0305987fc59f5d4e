// mobileApps: the apps that user install statuses belong to. Concrete types are told apart by
// `@odata.type`; the server sets id, createdDateTime and lastModifiedDateTime.
import type { components } from "../../generated/types.ts";
import { newEntityId } from "../graph/entity-ids.ts";
import { GraphError } from "../graph/errors/error-catalogue.ts";
import { contextUrl, locationOf } from "../graph/odata/odata-context.ts";
import { parseCollectionQuery, parseSelect } from "../graph/odata/query-options.ts";
import { mobileAppModel } from "../model/entity-model.ts";
import type { MobileAppRecord } from "../store/store.ts";
import { listQueryOf, pageAnnotations, selected } from "./collection-answers.ts";
import type { HandlerContext } from "./context.ts";
import { completeMobileApp, mobileAppShape } from "./mobile-app-shapes.ts";
import type { OperationHandler } from "./operation-types.ts";

type MobileApp = components["schemas"]["microsoft.graph.mobileApp"];

/** Properties the server owns: accepted in bodies (clients echo them back) and ignored. */
const SERVER_SET = new Set(["@odata.type", "@odata.context", "id", "createdDateTime", "lastModifiedDateTime"]);

function clientProperties(body: MobileApp): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !SERVER_SET.has(key)));
}

/** A stored app as the wire shows it: every property of its type (mobile-app-shapes.ts). */
export function mobileAppEntity(record: MobileAppRecord): MobileApp {
  const { displayName, description, publisher, ...rest } = completeMobileApp(record["@odata.type"], record.properties);
  return {
    "@odata.type": record["@odata.type"],
    id: record.id,
    displayName,
    description,
    publisher,
    ...rest,
    createdDateTime: record.createdDateTime,
    lastModifiedDateTime: record.lastModifiedDateTime,
  } as MobileApp;
}

export function mobileAppHandlers({ storeOf, publicBaseUrl }: HandlerContext) {
  const SET = "deviceAppManagement/mobileApps";

  const listMobileApps: OperationHandler<"listMobileApps"> = async (request) => {
    const store = storeOf(request);
    const query = parseCollectionQuery(request.query, mobileAppModel);
    const page = await store.listMobileApps(listQueryOf(query));
    const count = query.count ? await store.countMobileApps(query.filter) : undefined;
    return {
      status: 200,
      body: {
        "@odata.context": contextUrl(request, publicBaseUrl, SET, query.select),
        ...pageAnnotations(request, publicBaseUrl, request.query, page, count),
        value: page.items.map((record) => selected(mobileAppEntity(record), query.select)),
      },
    };
  };

  const countMobileApps: OperationHandler<"countMobileApps"> = async (request) => {
    const store = storeOf(request);
    const query = parseCollectionQuery(request.query, mobileAppModel);
    return { status: 200, body: String(await store.countMobileApps(query.filter)) };
  };

  const createMobileApp: OperationHandler<"createMobileApp"> = async (request) => {
    const store = storeOf(request);
    const now = new Date().toISOString();
    const record: MobileAppRecord = {
      id: newEntityId(),
      "@odata.type": request.body["@odata.type"],
      createdDateTime: now,
      lastModifiedDateTime: now,
      properties: clientProperties(request.body),
    };
    await store.createMobileApp(record);
    return {
      status: 201,
      headers: { location: locationOf(request, publicBaseUrl, record.id) },
      body: { "@odata.context": contextUrl(request, publicBaseUrl, `${SET}/$entity`), ...mobileAppEntity(record) },
    };
  };

  const getMobileApp: OperationHandler<"getMobileApp"> = async (request) => {
    const store = storeOf(request);
    const record = await store.getMobileApp(request.params.mobileAppId);
    if (!record) throw GraphError.of("resourceNotFound", request.params.mobileAppId);
    const select = request.query.$select === undefined ? undefined : parseSelect(request.query.$select, mobileAppModel);
    return {
      status: 200,
      body: {
        "@odata.context": contextUrl(request, publicBaseUrl, `${SET}/$entity`, select),
        ...selected(mobileAppEntity(record), select),
      },
    };
  };

  const updateMobileApp: OperationHandler<"updateMobileApp"> = async (request) => {
    const store = storeOf(request);
    const { mobileAppId } = request.params;
    const current = await store.getMobileApp(mobileAppId);
    if (!current) throw GraphError.of("resourceNotFound", mobileAppId);
    if (request.body["@odata.type"] !== current["@odata.type"]) {
      throw GraphError.of("typeChange", current["@odata.type"], request.body["@odata.type"]).withTarget("@odata.type");
    }
    const { notPatchable } = mobileAppShape(current["@odata.type"]);
    const changes = Object.fromEntries(
      Object.entries(clientProperties(request.body)).filter(([key]) => !notPatchable.has(key)),
    );
    const updated = await store.updateMobileApp(mobileAppId, changes, new Date().toISOString());
    if (!updated) throw GraphError.of("resourceNotFound", mobileAppId);
    return {
      status: 200,
      body: { "@odata.context": contextUrl(request, publicBaseUrl, `${SET}/$entity`), ...mobileAppEntity(updated) },
    };
  };

  const deleteMobileApp: OperationHandler<"deleteMobileApp"> = async (request) => {
    const store = storeOf(request);
    if (!(await store.deleteMobileApp(request.params.mobileAppId))) {
      throw GraphError.of("resourceNotFound", request.params.mobileAppId);
    }
    return { status: 204 };
  };

  return { listMobileApps, countMobileApps, createMobileApp, getMobileApp, updateMobileApp, deleteMobileApp };
}
