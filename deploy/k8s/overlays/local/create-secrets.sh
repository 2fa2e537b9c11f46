#!/usr/bin/env bash
# Creates the Secrets of the local overlay with freshly generated values (nothing is ever committed).
# Payment needs an Alipay sandbox app of your own: export ALIPAY_APP_ID, ALIPAY_APP_PRIVATE_KEY, ALIPAY_PUBLIC_KEY
# and ALIPAY_SELLER_ID first, or payment-service will refuse to start (the other services run without it).
set -euo pipefail
NS="${NS:-wayfarer-local}"
kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"
kubectl -n "$NS" create secret generic wayfarer-database \
  --from-literal=DB_USER=postgres --from-literal=DB_PASSWORD="$(openssl rand -hex 16)" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NS" create secret generic auth-service \
  --from-literal=WAYFARER_KEY_ENCRYPTION_KEY="$(openssl rand -base64 32)" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl -n "$NS" create secret generic payment-service \
  --from-literal=ALIPAY_APP_ID="${ALIPAY_APP_ID:-}" --from-literal=ALIPAY_APP_PRIVATE_KEY="${ALIPAY_APP_PRIVATE_KEY:-}" \
  --from-literal=ALIPAY_PUBLIC_KEY="${ALIPAY_PUBLIC_KEY:-}" --from-literal=ALIPAY_SELLER_ID="${ALIPAY_SELLER_ID:-}" \
  --dry-run=client -o yaml | kubectl apply -f -
