package org.entente.advice.config;

import org.entente.advice.stream.AdviceQueries;
import org.entente.advice.web.AcrossInstances;
import org.entente.advice.web.ReportAssembler;
import org.entente.support.relay.EveryInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** Spring wiring for the web layer. */
@Configuration
public class WebConfiguration {

    @Bean
    ReportAssembler reportAssembler(JsonMapper json) {
        return new ReportAssembler(json);
    }

    @Bean
    AcrossInstances acrossInstances(AdviceQueries queries, EveryInstance everyInstance, JsonMapper json) {
        return new AcrossInstances(queries, everyInstance, json);
    }
}
