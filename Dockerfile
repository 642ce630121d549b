# syntax=docker/dockerfile:1
# embargo's container image, for people who build with Docker:
#   docker build -t embargo --build-arg VERSION=$(git describe --tags) --build-arg REVISION=$(git rev-parse HEAD) .
# (BuildKit also takes --build-arg SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) for fixed timestamps)
# It has the same files, user, entrypoint and labels as `make image`
# (scripts/image, which needs no container engine and is reproducible);
# TestDockerfileInStep in scripts/image keeps the two in step.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN mkdir -p /rootfs/usr/local/bin /rootfs/etc \
 && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/embargo-sbom/embargo/cmd/embargo/cli.version=${VERSION}" \
      -o /rootfs/usr/local/bin/embargo ./cmd/embargo \
 && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" \
      -o /rootfs/usr/local/bin/embargo-scan ./cmd/embargo-scan
COPY scripts/image/rootfs/etc/passwd /rootfs/etc/passwd
COPY scripts/image/rootfs/etc/group /rootfs/etc/group
RUN chmod 0755 /rootfs/etc /rootfs/usr /rootfs/usr/local /rootfs/usr/local/bin \
 && chmod 0644 /rootfs/etc/passwd /rootfs/etc/group \
 && install -d -m 0755 /rootfs/home \
 && install -d -m 0700 -o 65532 -g 65532 /rootfs/home/nonroot \
 && install -d -m 1777 /rootfs/tmp

FROM scratch
ARG VERSION=dev
ARG REVISION=unknown
COPY --from=build /rootfs/ /
ENV PATH=/usr/local/bin
USER 65532:65532
WORKDIR /home/nonroot
ENTRYPOINT ["embargo"]
LABEL org.opencontainers.image.title="embargo" \
      org.opencontainers.image.description="Audits SBOMs for components from legally restricted vendors" \
      org.opencontainers.image.source="https://github.com/embargo-sbom/embargo" \
      org.opencontainers.image.url="https://github.com/embargo-sbom/embargo" \
      org.opencontainers.image.documentation="https://github.com/embargo-sbom/embargo#readme" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="NOASSERTION"
