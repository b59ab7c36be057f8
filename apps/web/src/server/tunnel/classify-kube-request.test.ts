import { describe, expect, it } from "vitest";
import { classifyKubeRequest } from "./classify-kube-request";

describe("classifyKubeRequest", () => {
  it("leaves routine reads unaudited", () => {
    expect(classifyKubeRequest("GET", "/api/v1/namespaces/default/pods")).toBeNull();
    expect(classifyKubeRequest("GET", "/apis/apps/v1/namespaces/shop/deployments/till?watch=1")).toBeNull();
    expect(classifyKubeRequest("GET", "/version")).toBeNull();
  });

  it("audits every change with its method", () => {
    expect(classifyKubeRequest("DELETE", "/api/v1/namespaces/default/configmaps/x")).toMatchObject({ action: "k8s.delete", details: { namespace: "default", resource: "configmaps", name: "x" } });
    expect(classifyKubeRequest("PATCH", "/apis/apps/v1/namespaces/a/deployments/b?fieldManager=kubectl")).toMatchObject({ action: "k8s.patch", details: { path: "/apis/apps/v1/namespaces/a/deployments/b" } });
  });

  it("audits reading Secrets, listing or one, but not other core reads", () => {
    expect(classifyKubeRequest("GET", "/api/v1/namespaces/shop/secrets/db")).toMatchObject({ action: "k8s.read-secret", details: { namespace: "shop", name: "db" } });
    expect(classifyKubeRequest("GET", "/api/v1/secrets?watch=true")).toMatchObject({ action: "k8s.read-secret", details: { watch: true } });
    expect(classifyKubeRequest("GET", "/apis/example.com/v1/namespaces/shop/secrets/x")).toBeNull();
  });

  it("audits exec, attach and port-forward with pod, container and command", () => {
    expect(classifyKubeRequest("POST", "/api/v1/namespaces/shop/pods/till-0/exec?command=sh&command=-c&command=id&container=app&stdin=true&tty=true")).toEqual({
      action: "k8s.exec",
      details: { path: "/api/v1/namespaces/shop/pods/till-0/exec", namespace: "shop", resource: "pods", name: "till-0", pod: "till-0", container: "app", command: ["sh", "-c", "id"] },
    });
    expect(classifyKubeRequest("GET", "/api/v1/namespaces/shop/pods/till-0/attach?container=app")).toMatchObject({ action: "k8s.attach", details: { pod: "till-0", container: "app" } });
    expect(classifyKubeRequest("POST", "/api/v1/namespaces/shop/pods/till-0/portforward?ports=8080")).toMatchObject({ action: "k8s.port-forward", details: { ports: ["8080"] } });
  });

  it("audits logs and the pod, service and node proxy", () => {
    expect(classifyKubeRequest("GET", "/api/v1/namespaces/shop/pods/till-0/log?follow=true&container=app")).toMatchObject({ action: "k8s.logs", details: { follow: true, container: "app" } });
    expect(classifyKubeRequest("GET", "/api/v1/nodes/node-1/proxy/metrics")).toMatchObject({ action: "k8s.proxy", details: { resource: "nodes", name: "node-1" } });
    expect(classifyKubeRequest("GET", "/api/v1/namespaces/shop/services/web:80/proxy/")).toMatchObject({ action: "k8s.proxy", details: { resource: "services", name: "web:80" } });
  });
});
