/// The OpenAPI 3.1 description of every route, request, response and error code.
enum OpenAPIDocument {
    static let json = #"""
        {
         "openapi": "3.1.0",
         "info": {
          "title": "ZenGlow API",
          "version": "1.0.0",
          "description": "Hybrid retrieval (BM25 + pgvector + learning-to-rank fusion) answered in PostgreSQL. Every error body is {\"error\": {\"code\", \"message\"}}; codes are stable."
         },
         "servers": [
          {
           "url": "http://127.0.0.1:8080"
          }
         ],
         "security": [
          {
           "apiKey": []
          }
         ],
         "paths": {
          "/rag/query": {
           "post": {
            "operationId": "ragQuery",
            "summary": "Top-k chunks for a query (scope query)",
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/RagQueryRequest"
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "Ranked results",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/RagQueryResponse"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "422": {
              "$ref": "#/components/responses/Unprocessable"
             },
             "429": {
              "$ref": "#/components/responses/RateLimited"
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            }
           }
          },
          "/fusion/weights": {
           "get": {
            "operationId": "getFusionWeights",
            "summary": "The tenant's active fusion weights (scope query)",
            "responses": {
             "200": {
              "description": "Active weights",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FusionWeights"
                }
               }
              }
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             },
             "429": {
              "$ref": "#/components/responses/RateLimited"
             }
            }
           },
           "put": {
            "operationId": "putFusionWeights",
            "summary": "Activate new fusion weights (scope admin); audited and announced",
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/FusionWeightsChange"
               }
              }
             }
            },
            "responses": {
             "200": {
              "description": "The new version",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/FusionWeightsChanged"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             },
             "422": {
              "$ref": "#/components/responses/Unprocessable"
             },
             "429": {
              "$ref": "#/components/responses/RateLimited"
             }
            }
           }
          },
          "/ingest/batches": {
           "post": {
            "operationId": "ingestBatch",
            "summary": "Load a batch of documents (scope ingest); re-submitting the same content changes nothing",
            "requestBody": {
             "required": true,
             "content": {
              "application/json": {
               "schema": {
                "$ref": "#/components/schemas/IngestBatch"
               }
              },
              "application/msgpack": {
               "schema": {
                "$ref": "#/components/schemas/IngestBatch"
               }
              }
             }
            },
            "responses": {
             "201": {
              "description": "Loaded",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/IngestResult"
                }
               }
              }
             },
             "200": {
              "description": "Re-submitted: nothing changed",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/IngestResult"
                }
               }
              }
             },
             "400": {
              "$ref": "#/components/responses/BadRequest"
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             },
             "409": {
              "$ref": "#/components/responses/Conflict"
             },
             "413": {
              "$ref": "#/components/responses/PayloadTooLarge"
             },
             "415": {
              "$ref": "#/components/responses/UnsupportedMediaType"
             },
             "429": {
              "$ref": "#/components/responses/RateLimited"
             }
            }
           }
          },
          "/ingest/batches/{tag}": {
           "get": {
            "operationId": "getBatch",
            "summary": "A batch's manifest (scope query)",
            "parameters": [
             {
              "name": "tag",
              "in": "path",
              "required": true,
              "schema": {
               "type": "string"
              }
             }
            ],
            "responses": {
             "200": {
              "description": "The manifest",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             },
             "404": {
              "$ref": "#/components/responses/NotFound"
             },
             "429": {
              "$ref": "#/components/responses/RateLimited"
             }
            }
           }
          },
          "/events": {
           "get": {
            "operationId": "events",
            "summary": "Server-Sent Events of the tenant's manifest and weight changes (scope query)",
            "responses": {
             "200": {
              "description": "An event stream: event weights|manifest, data {tenant_id, version} or {tenant_id, batch_id, state}",
              "content": {
               "text/event-stream": {
                "schema": {
                 "type": "string"
                }
               }
              }
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             }
            }
           }
          },
          "/health": {
           "get": {
            "operationId": "health",
            "summary": "Liveness",
            "security": [],
            "responses": {
             "200": {
              "description": "The process answers",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "properties": {
                  "status": {
                   "type": "string"
                  }
                 }
                }
               }
              }
             }
            }
           }
          },
          "/health/ready": {
           "get": {
            "operationId": "ready",
            "summary": "Readiness: database, migrations, model registry, configuration, listener",
            "security": [],
            "responses": {
             "200": {
              "description": "Ready",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Readiness"
                }
               }
              }
             },
             "503": {
              "description": "Not ready; the failing checks say why",
              "content": {
               "application/json": {
                "schema": {
                 "$ref": "#/components/schemas/Readiness"
                }
               }
              }
             }
            }
           }
          },
          "/health/models": {
           "get": {
            "operationId": "models",
            "summary": "The embedding model registry",
            "security": [],
            "responses": {
             "200": {
              "description": "Models",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             },
             "503": {
              "$ref": "#/components/responses/Unavailable"
             }
            }
           }
          },
          "/metrics": {
           "get": {
            "operationId": "metrics",
            "summary": "Prometheus metrics",
            "security": [],
            "responses": {
             "200": {
              "description": "Prometheus text format",
              "content": {
               "text/plain": {
                "schema": {
                 "type": "string"
                }
               }
              }
             }
            }
           }
          },
          "/metrics/json": {
           "get": {
            "operationId": "metricsJSON",
            "summary": "Metrics, process CPU and memory, model registry as JSON",
            "security": [],
            "responses": {
             "200": {
              "description": "Metrics",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             }
            }
           }
          },
          "/config/env": {
           "get": {
            "operationId": "configuration",
            "summary": "Effective configuration without secrets (scope admin)",
            "responses": {
             "200": {
              "description": "Configuration",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object",
                 "additionalProperties": {
                  "type": "string"
                 }
                }
               }
              }
             },
             "401": {
              "$ref": "#/components/responses/Unauthorized"
             },
             "403": {
              "$ref": "#/components/responses/Forbidden"
             }
            }
           }
          },
          "/openapi.json": {
           "get": {
            "operationId": "openAPI",
            "summary": "This document",
            "security": [],
            "responses": {
             "200": {
              "description": "OpenAPI 3.1",
              "content": {
               "application/json": {
                "schema": {
                 "type": "object"
                }
               }
              }
             }
            }
           }
          }
         },
         "components": {
          "securitySchemes": {
           "apiKey": {
            "type": "http",
            "scheme": "bearer",
            "description": "zg_<id>_<secret>_<checksum>, from zenglow keys create"
           }
          },
          "schemas": {
           "Error": {
            "type": "object",
            "required": [
             "error"
            ],
            "properties": {
             "error": {
              "type": "object",
              "required": [
               "code",
               "message"
              ],
              "properties": {
               "code": {
                "type": "string",
                "enum": [
                 "unauthorized",
                 "forbidden",
                 "rate_limited",
                 "invalid_json",
                 "invalid_request",
                 "invalid_embedding",
                 "invalid_weights",
                 "invalid_batch_transition",
                 "batch_tag_reused",
                 "unknown_tenant",
                 "not_found",
                 "payload_too_large",
                 "unsupported_media_type",
                 "service_unavailable",
                 "internal_error"
                ]
               },
               "message": {
                "type": "string"
               }
              }
             }
            }
           },
           "RagQueryRequest": {
            "type": "object",
            "additionalProperties": false,
            "required": [
             "query"
            ],
            "properties": {
             "query": {
              "type": "string",
              "minLength": 1,
              "maxLength": 4096
             },
             "top_k": {
              "type": "integer",
              "minimum": 1,
              "description": "default RAG_TOP_K_DEFAULT, at most RAG_TOP_K_MAX"
             },
             "filters": {
              "type": "object",
              "additionalProperties": false,
              "properties": {
               "source": {
                "oneOf": [
                 {
                  "type": "string"
                 },
                 {
                  "type": "array",
                  "items": {
                   "type": "string"
                  }
                 }
                ]
               },
               "batch": {
                "oneOf": [
                 {
                  "type": "string"
                 },
                 {
                  "type": "array",
                  "items": {
                   "type": "string"
                  }
                 }
                ]
               },
               "metadata": {
                "type": "object"
               }
              }
             },
             "embedding": {
              "type": "array",
              "items": {
               "type": "number"
              },
              "description": "the query embedding of the active model; else the configured embedder is asked"
             },
             "explain": {
              "type": "boolean"
             },
             "mode": {
              "type": "string",
              "enum": [
               "fusion",
               "rrf",
               "bm25",
               "vector"
              ]
             }
            }
           },
           "RagQueryResponse": {
            "type": "object",
            "required": [
             "results",
             "mode",
             "model"
            ],
            "properties": {
             "results": {
              "type": "array",
              "items": {
               "$ref": "#/components/schemas/Result"
              }
             },
             "mode": {
              "type": "string"
             },
             "model": {
              "type": "string"
             },
             "weights_version": {
              "type": [
               "integer",
               "null"
              ]
             },
             "weights": {
              "type": [
               "object",
               "null"
              ]
             },
             "ltr_version": {
              "type": [
               "integer",
               "null"
              ]
             },
             "feature_schema_version": {
              "type": [
               "integer",
               "null"
              ]
             },
             "degraded": {
              "type": [
               "string",
               "null"
              ],
              "enum": [
               "no_embedding",
               null
              ]
             },
             "degraded_reason": {
              "type": "string"
             },
             "candidates": {
              "type": "object",
              "properties": {
               "lexical": {
                "type": "integer"
               },
               "vector": {
                "type": "integer"
               }
              }
             },
             "explain": {
              "type": "object"
             }
            }
           },
           "Result": {
            "type": "object",
            "properties": {
             "chunk_id": {
              "type": "integer"
             },
             "document_id": {
              "type": "string"
             },
             "chunk_order": {
              "type": "integer"
             },
             "title": {
              "type": "string"
             },
             "source": {
              "type": "string"
             },
             "batch": {
              "type": "string"
             },
             "metadata": {
              "type": "object"
             },
             "text": {
              "type": "string"
             },
             "score": {
              "type": "number"
             },
             "features": {
              "type": "object"
             },
             "partial": {
              "type": "object"
             }
            }
           },
           "FusionWeights": {
            "type": [
             "object",
             "null"
            ],
            "properties": {
             "version": {
              "type": "integer"
             },
             "scope": {
              "type": "string",
              "enum": [
               "tenant",
               "global"
              ]
             },
             "weights": {
              "type": "object",
              "properties": {
               "ltr": {
                "type": "number"
               },
               "vector": {
                "type": "number"
               }
              }
             },
             "created_at": {
              "type": "string"
             },
             "actor": {
              "type": "string"
             },
             "reason": {
              "type": "string"
             }
            }
           },
           "FusionWeightsChange": {
            "type": "object",
            "additionalProperties": false,
            "required": [
             "weights",
             "reason"
            ],
            "properties": {
             "weights": {
              "type": "object",
              "properties": {
               "ltr": {
                "type": "number",
                "minimum": 0
               },
               "vector": {
                "type": "number",
                "minimum": 0
               }
              }
             },
             "reason": {
              "type": "string",
              "minLength": 1
             },
             "issue_link": {
              "type": "string",
              "format": "uri"
             }
            }
           },
           "FusionWeightsChanged": {
            "type": "object",
            "properties": {
             "version": {
              "type": "integer"
             },
             "weights": {
              "type": "object"
             },
             "previous_version": {
              "type": [
               "integer",
               "null"
              ]
             }
            }
           },
           "IngestBatch": {
            "type": "object",
            "additionalProperties": false,
            "required": [
             "batch_tag",
             "documents"
            ],
            "properties": {
             "batch_tag": {
              "type": "string",
              "minLength": 1,
              "maxLength": 200
             },
             "source": {
              "type": "string"
             },
             "documents": {
              "type": "array",
              "minItems": 1,
              "items": {
               "type": "object",
               "additionalProperties": false,
               "required": [
                "id",
                "chunks"
               ],
               "properties": {
                "id": {
                 "type": "string"
                },
                "title": {
                 "type": "string"
                },
                "source": {
                 "type": "string"
                },
                "metadata": {
                 "type": "object"
                },
                "chunks": {
                 "type": "array",
                 "minItems": 1,
                 "items": {
                  "type": "object",
                  "additionalProperties": false,
                  "required": [
                   "text",
                   "embedding"
                  ],
                  "properties": {
                   "order": {
                    "type": "integer"
                   },
                   "text": {
                    "type": "string"
                   },
                   "embedding": {
                    "type": "array",
                    "items": {
                     "type": "number"
                    }
                   }
                  }
                 }
                }
               }
              }
             }
            }
           },
           "IngestResult": {
            "type": "object",
            "properties": {
             "batch_id": {
              "type": "integer"
             },
             "batch_tag": {
              "type": "string"
             },
             "state": {
              "type": "string"
             },
             "accepted": {
              "type": "integer"
             },
             "rejected": {
              "type": "integer"
             },
             "resubmitted": {
              "type": "boolean"
             },
             "replaced_chunks": {
              "type": "integer"
             },
             "rejections": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "row": {
                 "type": "integer"
                },
                "document_id": {
                 "type": "string"
                },
                "chunk_order": {
                 "type": "integer"
                },
                "reason": {
                 "type": "string",
                 "enum": [
                  "wrong_dimension",
                  "non_finite",
                  "empty_text",
                  "invalid_utf8",
                  "invalid_metadata",
                  "invalid_document_id",
                  "duplicate_chunk"
                 ]
                },
                "message": {
                 "type": "string"
                }
               }
              }
             }
            }
           },
           "Readiness": {
            "type": "object",
            "properties": {
             "status": {
              "type": "string",
              "enum": [
               "ready",
               "not_ready"
              ]
             },
             "checks": {
              "type": "array",
              "items": {
               "type": "object",
               "properties": {
                "name": {
                 "type": "string"
                },
                "ok": {
                 "type": "boolean"
                },
                "detail": {
                 "type": "string"
                }
               }
              }
             }
            }
           }
          },
          "responses": {
           "BadRequest": {
            "description": "Invalid JSON, an unknown field or a value out of range",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "Unauthorized": {
            "description": "No key, or a malformed, unknown, revoked or expired key (one uniform answer)",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "Forbidden": {
            "description": "The key lacks the scope, or its tenant is inactive",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "NotFound": {
            "description": "No such resource",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "Conflict": {
            "description": "A batch tag reused for other content, or an invalid state change",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "PayloadTooLarge": {
            "description": "The body exceeds the configured limit",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "UnsupportedMediaType": {
            "description": "Neither application/json nor application/msgpack",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "Unprocessable": {
            "description": "A wrong embedding dimension, a non-finite number, or invalid weights",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           },
           "RateLimited": {
            "description": "Too many requests; see Retry-After",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            },
            "headers": {
             "Retry-After": {
              "description": "seconds",
              "schema": {
               "type": "integer"
              }
             }
            }
           },
           "Unavailable": {
            "description": "The database is not reachable",
            "content": {
             "application/json": {
              "schema": {
               "$ref": "#/components/schemas/Error"
              }
             }
            }
           }
          }
         }
        }
        """#
}
