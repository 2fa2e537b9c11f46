#!/usr/bin/env bash
# Builds one image per application from the jars in */target (run ./mvnw -q -DskipTests package first).
set -euo pipefail
cd "$(dirname "$0")/../.."
TAG="${TAG:-0.1.0}"
for service in discovery-server gateway-service auth-service rbac-service catalog-service chat-service \
               recommend-service payment-service; do
  docker build -f deploy/docker/Dockerfile --build-arg SERVICE="$service" -t "wayfarer/$service:$TAG" .
done
