/**
 * A synthetic audience with known answers: {@link io.needmap.pipeline.generate.AudienceGenerator} writes
 * input tables in the shape of the input contract together with the segments it planted, so that the
 * pipeline's recovery of needs and its tolerance of dirty rows can be measured instead of eyeballed.
 * Plain Java, no Spark: it must run in seconds on a laptop and in CI.
 */
package io.needmap.pipeline.generate;
